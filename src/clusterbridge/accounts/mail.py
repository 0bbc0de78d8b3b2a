"""E-mail: every message is first a row of the outbox, written in the same transaction as the
change it reports, so a rolled-back change sends nothing.

The embedded default stops there and writes the message to the log (logger
``clusterbridge.mail``), links included, so a developer can follow them. With an SMTP host
configured, :func:`deliver_pending` sends the outbox after the transaction commits.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.accounts.config import AccountConfig, account_config
from clusterbridge.accounts.models import OutboxEmail
from clusterbridge.core.models import utcnow

logger = logging.getLogger("clusterbridge.mail")

BATCH = 50
"""Messages sent per SMTP connection."""


def link(path: str) -> str:
    """An absolute link to ``path`` on the platform, for e-mails."""
    return account_config().public_url + path


def queue_email(session: Session, to: str, subject: str, body: str) -> OutboxEmail:
    """Add a message to the outbox (and the log) in the current transaction."""
    email = OutboxEmail(to=to, subject=subject, body=body, created_at=utcnow())
    session.add(email)
    if account_config().smtp_host:
        logger.info("queued e-mail to %s: %s", to, subject)
    else:  # embedded default: the log is where a developer reads the message
        logger.info("e-mail to %s: %s\n%s", to, subject, body)
    return email


def latest_emails(session: Session, limit: int = 10, to: str | None = None) -> list[OutboxEmail]:
    """The most recent outbox messages, newest first (optionally to one address)."""
    query = select(OutboxEmail).order_by(OutboxEmail.id.desc()).limit(limit)
    if to:
        query = query.where(OutboxEmail.to == to.lower())
    return list(session.scalars(query))


class Sender(Protocol):
    def send(self, messages: Sequence[EmailMessage], sent: Callable[[int], None]) -> None:
        """Send ``messages`` in order, calling ``sent(i)`` once message ``i`` is accepted."""


class SmtpSender:
    """Sends over one SMTP connection: implicit TLS on port 465, else STARTTLS if configured."""

    def __init__(self, config: AccountConfig) -> None:
        assert config.smtp_host
        self.config = config
        self.host = config.smtp_host

    def send(self, messages: Sequence[EmailMessage], sent: Callable[[int], None]) -> None:
        config, context = self.config, ssl.create_default_context()
        smtp: smtplib.SMTP
        if config.smtp_port == 465:
            smtp = smtplib.SMTP_SSL(self.host, config.smtp_port, timeout=30, context=context)
        else:
            smtp = smtplib.SMTP(self.host, config.smtp_port, timeout=30)
        with smtp:
            if config.smtp_port != 465 and config.smtp_starttls:
                smtp.starttls(context=context)
            if config.smtp_username and config.smtp_password:
                smtp.login(config.smtp_username, config.smtp_password)
            for index, message in enumerate(messages):
                smtp.send_message(message)
                sent(index)


def as_message(email: OutboxEmail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.to
    message["Subject"] = email.subject
    message.set_content(email.body)
    return message


def deliver_pending(
    factory: Callable[[], Session], sender: Sender | None = None, limit: int = BATCH
) -> int:
    """Send unsent outbox messages over SMTP and mark them sent; returns how many were sent.

    Without an SMTP host (and no ``sender`` given) this does nothing: the outbox is the
    delivery. Rows are locked while sending (PostgreSQL), so two workers never send one
    message twice; after a failure, the messages not yet accepted wait for the next call.
    """
    config = account_config()
    if sender is None:
        if not config.smtp_host:
            return 0
        sender = SmtpSender(config)
    with factory() as session, session.begin():
        query = select(OutboxEmail).where(OutboxEmail.sent_at.is_(None)).order_by(OutboxEmail.id)
        emails = list(session.scalars(query.limit(limit).with_for_update(skip_locked=True)))
        if not emails:
            return 0
        done: list[int] = []

        def sent(index: int) -> None:
            emails[index].sent_at = utcnow()
            done.append(index)

        try:
            sender.send([as_message(email, config.mail_from) for email in emails], sent)
        except (OSError, smtplib.SMTPException):
            left = len(emails) - len(done)
            logger.exception("sending e-mail failed; %d stay in the outbox", left)
    return len(done)
