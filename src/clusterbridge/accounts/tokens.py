"""Random secrets: session cookies, API tokens and the links sent by e-mail.

Only :func:`clusterbridge.accounts.scopes.token_hash` of a secret is stored; the plain value is
shown or sent once.
"""

from __future__ import annotations

import secrets

from clusterbridge.accounts.scopes import token_hash

API_TOKEN_PREFIX = "cb_"
"""API tokens start with this, so secret scanners and people recognise them."""


def new_secret() -> str:
    """256 random bits, URL-safe: unguessable, so links and cookies need no other check."""
    return secrets.token_urlsafe(32)


def new_api_token() -> str:
    return API_TOKEN_PREFIX + new_secret()


__all__ = ["API_TOKEN_PREFIX", "new_api_token", "new_secret", "token_hash"]
