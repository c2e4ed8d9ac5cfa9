from __future__ import annotations

import datetime

from pydantic import BaseModel, Field

from api.tokens.models import ApiToken
from api.tokens.service import MAX_EXPIRY_DAYS, MAX_NAME_LENGTH, TokenStatus, status


class TokenCreate(BaseModel):
    name: str = Field(max_length=MAX_NAME_LENGTH, description="what uses it, e.g. 'ci'")
    expires_in_days: int | None = Field(
        default=None,
        description=f"1 to {MAX_EXPIRY_DAYS}; omit or null for a token that never expires",
    )


class TokenRead(BaseModel):
    id: int
    username: str
    name: str
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    revoked_at: datetime.datetime | None
    status: TokenStatus

    @classmethod
    def build(cls, token: ApiToken, now: datetime.datetime) -> TokenRead:
        return cls(
            id=token.id,
            username=token.user.username,
            name=token.name,
            created_at=token.created_at,
            expires_at=token.expires_at,
            revoked_at=token.revoked_at,
            status=status(token, now),
        )


class TokenCreated(TokenRead):
    token: str = Field(description="the secret: shown only in this answer")
