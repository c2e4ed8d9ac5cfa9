from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from api.users.models import PasswordReset, Role, User


def storable_text(value: str) -> str:
    """Text a database and a hash function take: no NUL, no lone surrogate (JSON can carry
    both as escapes; PostgreSQL and UTF-8 encoding refuse them)."""
    if "\x00" in value:
        raise ValueError("contains a NUL character; remove it")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(f"is not valid Unicode text (character {error.start}); fix it") from None
    return value


StorableText = Annotated[str, AfterValidator(storable_text)]
Password = Annotated[StorableText, Field(max_length=1024)]


class Credentials(BaseModel):
    username: StorableText = Field(max_length=64)
    password: Password


class UserRead(BaseModel):
    id: int
    username: str
    role: str

    @classmethod
    def build(cls, user: User) -> UserRead:
        return cls(id=user.id, username=user.username, role=user.role)


class UserAdminRead(BaseModel):
    """An account as admins see it."""

    id: int
    username: str
    role: Role
    is_active: bool
    created_at: datetime.datetime

    @classmethod
    def build(cls, user: User) -> UserAdminRead:
        return cls(
            id=user.id,
            username=user.username,
            role=user.role_enum,
            is_active=user.is_active,
            created_at=user.created_at,
        )


class UserCreate(BaseModel):
    username: StorableText = Field(max_length=64)
    role: Role
    password: StorableText | None = Field(
        default=None,
        max_length=1024,
        description="omit it to get a one-time link with which the user sets their own",
    )


class UserUpdate(BaseModel):
    """Only the fields sent change."""

    role: Role | None = None
    is_active: bool | None = None


class PasswordResetLink(BaseModel):
    """A one-time link to set a password: give it to the user; it is shown only now."""

    username: str
    url: str
    expires_at: datetime.datetime

    @classmethod
    def build(cls, user: User, reset: PasswordReset, url: str) -> PasswordResetLink:
        return cls(username=user.username, url=url, expires_at=reset.expires_at)


class UserCreated(BaseModel):
    user: UserAdminRead
    password_reset: PasswordResetLink | None = Field(
        description="the link to set the password, when none was given"
    )


class PasswordChange(BaseModel):
    current_password: Password
    new_password: Password


class PasswordResetToken(BaseModel):
    token: StorableText = Field(max_length=128, description="the part of the link after '#'")


class PasswordResetCompletion(PasswordResetToken):
    new_password: Password


class PasswordResetTarget(BaseModel):
    """Whose password a usable link sets, and until when it works."""

    username: str
    expires_at: datetime.datetime
