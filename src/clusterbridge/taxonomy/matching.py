"""Matching free text to codes: folded lookup keys, and close matches for error messages.

Importers validate many thousands of values, so a known value must cost one dict lookup;
the slower close-match search runs only when a value is unknown.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping

_NOT_WORD = re.compile(r"[\W_]+")
_MIN_CODE_RATIO = 0.5
_MIN_NAME_RATIO = 0.6


def fold(text: str) -> str:
    """A comparison key: lower case, no accents, punctuation runs as one space.

    'Côte d'Ivoire' -> 'cote d ivoire'; 'Korea, Republic of' -> 'korea republic of';
    'industry-4.0' -> 'industry 4 0'.
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and "))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", plain.casefold()).strip()


def add_keys(keys: dict[str, str], code: str, terms: Iterable[str]) -> None:
    """Map the folded form of each term to ``code``; a term claimed by another code is a
    bug in the code list, so it raises instead of silently picking one."""
    for term in terms:
        key = fold(term)
        if not key:
            continue
        known = keys.setdefault(key, code)
        if known != code:
            raise ValueError(f"term {term!r} is claimed by both {known!r} and {code!r}")


def suggest(
    value: str,
    codes: Iterable[str],
    names: Mapping[str, str] | None = None,
    limit: int = 5,
) -> list[str]:
    """Up to ``limit`` known codes close to ``value``.

    ``names`` maps folded labels or synonyms to their code, so 'Spian' finds 'ES' through
    'spain'; codes are compared by shared leading characters first, then by spelling, so
    '29.99' finds '29.10' before '09.90'.
    """
    found: list[str] = []
    if names:
        keys = difflib.get_close_matches(
            fold(value), list(names), n=limit * 3, cutoff=_MIN_NAME_RATIO
        )
        found.extend(names[key] for key in keys)
    found.extend(_close_codes(value.strip().upper(), codes, limit))
    return list(dict.fromkeys(found))[:limit]


def _close_codes(value: str, codes: Iterable[str], limit: int) -> list[str]:
    matcher = difflib.SequenceMatcher(b=value, autojunk=False)
    scored: list[tuple[int, float, str]] = []
    for code in codes:
        if len(value) > len(code) + 2:
            continue  # a name or a sentence, not a misspelt code
        prefix = _common_prefix_length(value, code.upper())
        matcher.set_seq1(code.upper())
        if prefix < 2 and (
            matcher.real_quick_ratio() < _MIN_CODE_RATIO or matcher.quick_ratio() < _MIN_CODE_RATIO
        ):
            continue
        ratio = matcher.ratio()
        if prefix >= 2 or ratio >= _MIN_CODE_RATIO:
            scored.append((-prefix, -ratio, code))
    scored.sort()
    return [code for _, _, code in scored[:limit]]


def _common_prefix_length(a: str, b: str) -> int:
    length = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        length += 1
    return length
