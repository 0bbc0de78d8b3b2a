"""Cell parsers: text in, typed value out, or ``ValueError`` with a reason a user can act on.

Each parser has a matching formatter so an export writes back exactly what an import reads.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from clusterbridge import taxonomy
from clusterbridge.registry.enums import Vocabulary

Parser = Callable[[str], Any]
Formatter = Callable[[Any], str]

LIST_SEPARATOR = ";"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def text(max_length: int) -> Parser:
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise ValueError(f"longer than {max_length} characters")
        if "\x00" in value:
            raise ValueError("contains a NUL character")
        return value

    return parse


def integer(minimum: int, maximum: int) -> Parser:
    def parse(value: str) -> int:
        try:
            number = int(value.replace("\u00a0", "").replace(" ", ""))
        except ValueError:
            raise ValueError("not a whole number") from None
        if not minimum <= number <= maximum:
            raise ValueError(f"must be between {minimum} and {maximum}")
        return number

    return parse


def year(value: str) -> int:
    number: int = integer(1000, date.today().year + 1)(value)
    return number


def decimal(places: int, maximum: Decimal) -> Parser:
    def parse(value: str) -> Decimal:
        cleaned = value.replace("\u00a0", "").replace(" ", "")
        if "," in cleaned and "." not in cleaned:
            cleaned = cleaned.replace(
                ",", "."
            )  # decimal comma, as Catalan and Spanish sheets write
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError("not a number") from None
        if not number.is_finite() or abs(number) > maximum:
            raise ValueError(f"must be a number of at most {maximum}")
        if number < 0:
            raise ValueError("must not be negative")
        return number.quantize(Decimal(1).scaleb(-places))

    return parse


def format_decimal(value: Decimal) -> str:
    return format(value, "f")


def coordinate(limit: float) -> Parser:
    def parse(value: str) -> float:
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            raise ValueError("not a number") from None
        if not -limit <= number <= limit:
            raise ValueError(f"must be between -{limit:g} and {limit:g}")
        return number

    return parse


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a date in the form YYYY-MM-DD") from None


def pic(value: str) -> str:
    """A Participant Identification Code of the EU Funding & Tenders portal: nine digits."""
    if not (value.isascii() and value.isdigit() and len(value) == 9):
        raise ValueError("a PIC is nine digits")
    return value


def email(value: str) -> str:
    if len(value) > 254 or not EMAIL.match(value):
        raise ValueError("not an e-mail address")
    return value


def url(value: str) -> str:
    if len(value) > 300 or not URL.match(value):
        raise ValueError("not a web address starting with http:// or https://")
    return value


def choice(enum_class: type[enum.Enum]) -> Parser:
    values = {str(member.value): member for member in enum_class}

    def parse(value: str) -> enum.Enum:
        member = values.get(value.strip().lower().replace(" ", "_").replace("-", "_"))
        if member is None:
            raise ValueError(f"must be one of: {', '.join(values)}")
        return member

    return parse


def format_choice(value: enum.Enum) -> str:
    return str(value.value)


def country(value: str) -> str:
    return taxonomy.country(value)


def region(value: str) -> str:
    return taxonomy.region(value)


def nuts(value: str) -> str:
    return taxonomy.nuts(value)


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


Code = tuple[Vocabulary, str]


def industries(value: str) -> tuple[Code, ...]:
    """NACE codes (e.g. 29.10); NAICS codes written with a prefix (NAICS:336111)."""
    return tuple(
        sorted(
            {(Vocabulary(scheme), code) for scheme, code in map(taxonomy.industry, _split(value))}
        )
    )


def technologies(value: str) -> tuple[Code, ...]:
    return tuple(sorted({(Vocabulary.TECHNOLOGY, taxonomy.technology(v)) for v in _split(value)}))


def emerging_industries(value: str) -> tuple[Code, ...]:
    return tuple(
        sorted({(Vocabulary.EMERGING, taxonomy.emerging_industry(v)) for v in _split(value)})
    )


def format_codes(codes: tuple[Code, ...]) -> str:
    return LIST_SEPARATOR.join(
        f"NAICS:{code}" if vocabulary is Vocabulary.NAICS else code
        for vocabulary, code in sorted(codes)
    )


def labels(max_length: int) -> Parser:
    """A ';'-separated list of short free labels (programme parts, for example)."""

    def parse(value: str) -> tuple[str, ...]:
        items = tuple(sorted(set(_split(value))))
        for item in items:
            if len(item) > max_length:
                raise ValueError(f"item {item!r} is longer than {max_length} characters")
        return items

    return parse


def format_labels(items: tuple[str, ...]) -> str:
    return LIST_SEPARATOR.join(sorted(items))


def reference(value: str) -> str:
    """The external id of another record; resolved against the database and the same import."""
    if len(value) > 100:
        raise ValueError("longer than 100 characters")
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    return value
