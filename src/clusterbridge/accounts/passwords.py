"""Password hashing with Argon2id and a humane minimum policy.

Hashes carry their own parameters, so raising the cost later only needs :func:`needs_rehash`
at the next sign-in. The policy asks for length and a little variety, not a puzzle: a long
passphrase of lower-case words and one digit or space is fine.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from clusterbridge.core.errors import InvalidInput, Problem

MIN_LENGTH = 10
MAX_LENGTH = 1024
"""Long enough for any passphrase, short enough that hashing cannot be abused."""

hasher = PasswordHasher()
"""Argon2id with the RFC 9106 low-memory profile (64 MiB, 3 passes); tests may swap it."""


def hash_password(password: str) -> str:
    """The stored form of a password (salted Argon2id; the salt lives in the string)."""
    return hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash``; a malformed hash never matches."""
    try:
        return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's (rehash on sign-in)."""
    try:
        return hasher.check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True


@cache
def _dummy_hash() -> str:
    return hasher.hash("not a password of anyone, only spends the time a check takes")


def spend_verification_time(password: str) -> None:
    """Verify against a throw-away hash so an unknown e-mail takes as long to refuse as a
    wrong password, and response times do not reveal which addresses have accounts."""
    verify_password(_dummy_hash(), password)


def _character_classes(password: str) -> int:
    classes = set()
    for char in password:
        if char.islower():
            classes.add("lower")
        elif char.isupper():
            classes.add("upper")
        elif char.isdigit():
            classes.add("digit")
        else:
            classes.add("other")
    return len(classes)


def password_problems(password: str, *, email: str | None = None) -> list[str]:
    """What is wrong with a new password, in words a person can act on (empty: fine)."""
    if len(password) < MIN_LENGTH:
        return [f"Use at least {MIN_LENGTH} characters."]
    if len(password) > MAX_LENGTH:
        return [f"Use at most {MAX_LENGTH} characters."]
    problems = []
    if _character_classes(password) < 2:
        problems.append(
            "Mix at least two kinds of characters: lower-case, upper-case, digits, "
            "spaces or symbols."
        )
    if email and email.lower() in password.lower():
        problems.append("Do not use your e-mail address in your password.")
    return problems


def check_password(password: str, *, email: str | None = None, field: str = "password") -> None:
    """Raise :class:`InvalidInput` (naming ``field``) unless the password meets the policy."""
    problems = password_problems(password, email=email)
    if problems:
        raise InvalidInput([Problem(reason, column=field) for reason in problems])
