"""Settings from the environment (prefix ``CLUSTERBRIDGE_``), in one place."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything configurable; each field maps to ``CLUSTERBRIDGE_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="CLUSTERBRIDGE_", env_file=".env", extra="ignore")

    data_dir: Path = Path("var")
    """Where the embedded default keeps its SQLite file and indexes."""

    database_url: str | None = None
    """SQLAlchemy URL; empty means a SQLite file ``clusterbridge.db`` under ``data_dir``."""

    actor: str = "cli"
    """Who the audit log names for changes made outside a signed-in session."""

    public_url: str = "http://127.0.0.1:8000"
    """Where people reach the platform; links in e-mails start with it (never with a request's
    Host header, which an attacker could set)."""

    secure_cookies: bool = False
    """Mark cookies Secure even when the app sees plain HTTP behind a TLS-terminating proxy."""

    smtp_host: str | None = None
    """Send e-mail over SMTP through this host; empty: the outbox table and the log only."""

    smtp_port: int = 587
    """SMTP port; 465 means implicit TLS."""

    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    """Use STARTTLS on ports other than 465."""

    mail_from: str = "ClusterBridge <no-reply@localhost>"

    semantic: bool = True
    """Use sentence embeddings in matchmaking when the ``semantic`` extra is installed; false
    keeps to keywords, taxonomy and history (indexing a large registry is then much faster)."""

    def resolved_database_url(self) -> str:
        """The URL to connect to, creating the data directory for the embedded default."""
        if self.database_url:
            return normalise_database_url(self.database_url)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.data_dir / 'clusterbridge.db').resolve()}"


def normalise_database_url(url: str) -> str:
    """Map plain ``postgresql://`` URLs to the psycopg 3 driver we ship."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@cache
def get_settings() -> Settings:
    """The process-wide settings (read once)."""
    return Settings()
