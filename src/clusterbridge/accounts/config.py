"""The settings account features read: e-mail delivery, links in e-mails, cookie security,
gathered from :func:`clusterbridge.core.settings.get_settings`."""

from __future__ import annotations

from dataclasses import dataclass

from clusterbridge.core.settings import get_settings


@dataclass(frozen=True)
class AccountConfig:
    public_url: str
    """Where people reach the platform; links in e-mails start with it (never with the Host
    header of a request, which an attacker could set to their own site)."""
    smtp_host: str | None
    smtp_port: int
    smtp_username: str | None
    smtp_password: str | None
    smtp_starttls: bool
    mail_from: str
    secure_cookies: bool
    """Mark cookies Secure even when the app sees plain HTTP behind a TLS proxy."""


def account_config() -> AccountConfig:
    settings = get_settings()
    password = settings.smtp_password
    return AccountConfig(
        public_url=settings.public_url.rstrip("/"),
        smtp_host=settings.smtp_host or None,
        smtp_port=settings.smtp_port,
        smtp_username=settings.smtp_username or None,
        smtp_password=password.get_secret_value() if password else None,
        smtp_starttls=settings.smtp_starttls,
        mail_from=settings.mail_from,
        secure_cookies=settings.secure_cookies,
    )
