"""Random secrets handed out once (session cookies, API tokens, password-reset links) and
the SHA-256 under which the database keeps them: a copy of the tables lets nobody log in."""

from __future__ import annotations

import hashlib
import secrets

SECRET_BYTES = 32  # 256 bits: not guessable, whatever the rate limits


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(SECRET_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
