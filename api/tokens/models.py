from __future__ import annotations

import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, UTCDateTime, utcnow
from api.users.models import User


class ApiToken(Base):
    """A bearer token for scripts; like sessions, only its SHA-256 is stored.

    A token works while it is not revoked, not past ``expires_at`` (none: no expiry), its
    user is active and ``credential_version`` is still the user's (see ``User``). Revoked
    tokens stay as rows so that the owner and the admins can see what was revoked when.
    """

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    name: Mapped[str] = mapped_column(String(64), server_default="unnamed")
    expires_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    credential_version: Mapped[int] = mapped_column(server_default="0")

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)
