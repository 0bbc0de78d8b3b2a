"""E-mail: the outbox and the log by default; SMTP when a host is configured."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from typing import Any, ClassVar

import pytest
from sqlalchemy import Engine, select

from clusterbridge.accounts import config, mail
from clusterbridge.accounts.models import OutboxEmail
from clusterbridge.core.db import session_factory, transaction
from clusterbridge.core.settings import Settings


def configure(monkeypatch: pytest.MonkeyPatch, **values: Any) -> None:
    monkeypatch.setattr(config, "get_settings", lambda: Settings(**values))


def queue(engine: Engine, *addresses: str) -> None:
    with transaction(engine) as session:
        for address in addresses:
            mail.queue_email(session, address, f"Hello {address}", f"Open {mail.link('/account')}")


def test_by_default_mail_goes_to_the_outbox_and_the_log(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="clusterbridge.mail"):
        queue(engine, "ada@example.org")
    with transaction(engine) as session:
        [email] = mail.latest_emails(session)
        assert (email.to, email.subject, email.sent_at) == (
            "ada@example.org",
            "Hello ada@example.org",
            None,
        )
    assert "http://127.0.0.1:8000/account" in caplog.text  # a developer can follow the link
    assert mail.deliver_pending(session_factory(engine)) == 0  # no SMTP host: nothing to do


def test_links_start_with_the_configured_public_address(monkeypatch: pytest.MonkeyPatch) -> None:
    configure(monkeypatch, public_url="https://clusters.example.eu/")
    assert mail.link("/login") == "https://clusters.example.eu/login"


class FakeSmtp:
    """Records what an SMTP session did; ``fail_after`` makes the n-th message fail."""

    sessions: ClassVar[list[FakeSmtp]] = []
    fail_after: ClassVar[int | None] = None

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.actions = host, port, []
        self.sent: list[EmailMessage] = []
        FakeSmtp.sessions.append(self)

    def __enter__(self) -> FakeSmtp:
        return self

    def __exit__(self, *args: object) -> None:
        self.actions.append("quit")

    def starttls(self, context: object) -> None:
        self.actions.append("starttls")

    def login(self, user: str, password: str) -> None:
        self.actions.append(f"login {user}")

    def send_message(self, message: EmailMessage) -> None:
        if FakeSmtp.fail_after is not None and len(self.sent) >= FakeSmtp.fail_after:
            raise OSError("connection reset")
        self.sent.append(message)


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> type[FakeSmtp]:
    FakeSmtp.sessions, FakeSmtp.fail_after = [], None
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSmtp)
    configure(
        monkeypatch,
        smtp_host="mail.example.org",
        smtp_port=2525,
        smtp_username="cb",
        smtp_password="secret",
        mail_from="ClusterBridge <noreply@example.org>",
    )
    return FakeSmtp


def test_with_an_smtp_host_the_outbox_is_sent_once(engine: Engine, smtp: type[FakeSmtp]) -> None:
    queue(engine, "ada@example.org", "bo@example.org")
    assert mail.deliver_pending(session_factory(engine)) == 2
    [connection] = smtp.sessions
    assert (connection.host, connection.port) == ("mail.example.org", 2525)
    assert connection.actions == ["starttls", "login cb", "quit"]
    assert [m["To"] for m in connection.sent] == ["ada@example.org", "bo@example.org"]
    assert connection.sent[0]["From"] == "ClusterBridge <noreply@example.org>"
    assert "http://127.0.0.1:8000/account" in connection.sent[0].get_content()
    assert mail.deliver_pending(session_factory(engine)) == 0  # all marked sent


def test_a_failure_keeps_the_unsent_messages(
    engine: Engine, smtp: type[FakeSmtp], caplog: pytest.LogCaptureFixture
) -> None:
    queue(engine, "ada@example.org", "bo@example.org", "cy@example.org")
    smtp.fail_after = 1
    assert mail.deliver_pending(session_factory(engine)) == 1
    assert "2 stay in the outbox" in caplog.text
    with transaction(engine) as session:
        unsent = session.scalars(
            select(OutboxEmail.to).where(OutboxEmail.sent_at.is_(None)).order_by(OutboxEmail.id)
        )
        assert list(unsent) == ["bo@example.org", "cy@example.org"]
    smtp.fail_after = None
    assert mail.deliver_pending(session_factory(engine)) == 2


def test_a_custom_sender_gets_the_messages(engine: Engine) -> None:
    queue(engine, "ada@example.org")
    got: list[str] = []

    class Collect:
        def send(self, messages: Sequence[EmailMessage], sent: Callable[[int], None]) -> None:
            for index, message in enumerate(messages):
                got.append(str(message["Subject"]))
                sent(index)

    assert mail.deliver_pending(session_factory(engine), Collect()) == 1
    assert got == ["Hello ada@example.org"]
