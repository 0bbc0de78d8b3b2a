"""Argon2 hashing and the password policy."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from clusterbridge.accounts import passwords
from clusterbridge.core.errors import InvalidInput
from tests.accounts.conftest import REAL_HASHER


def test_the_real_hasher_is_argon2id_with_the_rfc_9106_low_memory_cost() -> None:
    stored = REAL_HASHER.hash("correct horse 42")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert REAL_HASHER.verify(stored, "correct horse 42")


def test_hash_and_verify() -> None:
    stored = passwords.hash_password("correct horse 42")
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert passwords.verify_password(stored, "correct horse 42")
    assert not passwords.verify_password(stored, "correct horse 43")
    assert passwords.hash_password("correct horse 42") != stored  # salted


def test_a_malformed_hash_never_matches() -> None:
    assert not passwords.verify_password("not a hash", "anything at all 1")
    assert passwords.needs_rehash("not a hash")


def test_weaker_hashes_need_a_rehash(monkeypatch: pytest.MonkeyPatch) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash("correct horse 42")
    monkeypatch.setattr(
        passwords, "hasher", PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    )
    assert passwords.needs_rehash(weak)
    assert not passwords.needs_rehash(passwords.hash_password("correct horse 42"))


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short 1", "at least 10 characters"),
        ("alllowercaseletters", "two kinds of characters"),
        ("1234567890123", "two kinds of characters"),
        ("ada@example.org-2026", "e-mail address"),
        ("x1" * 600, "at most 1024"),
    ],
)
def test_the_policy_says_what_to_change(password: str, problem: str) -> None:
    found = passwords.password_problems(password, email="ada@example.org")
    assert len(found) == 1
    assert problem in found[0]
    with pytest.raises(InvalidInput) as error:
        passwords.check_password(password, email="ada@example.org", field="new_password")
    assert error.value.problems[0].column == "new_password"


@pytest.mark.parametrize(
    "password",
    ["correct horse battery", "Tr0ub4dor&3x", "비밀번호는 길어요 2026", "ALLCAPS-WITH-DASH"],
)
def test_humane_passwords_pass(password: str) -> None:
    assert passwords.password_problems(password, email="ada@example.org") == []
