from __future__ import annotations

import datetime

from pydantic import BaseModel, Field

from api.users.models import PasswordReset, Role, User

PASSWORD_FIELD = Field(max_length=1024)


class Credentials(BaseModel):
    username: str = Field(max_length=64)
    password: str = PASSWORD_FIELD


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
    username: str = Field(max_length=64)
    role: Role
    password: str | None = Field(
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
    current_password: str = PASSWORD_FIELD
    new_password: str = PASSWORD_FIELD


class PasswordResetToken(BaseModel):
    token: str = Field(max_length=128, description="the part of the link after '#'")


class PasswordResetCompletion(PasswordResetToken):
    new_password: str = PASSWORD_FIELD


class PasswordResetTarget(BaseModel):
    """Whose password a usable link sets, and until when it works."""

    username: str
    expires_at: datetime.datetime
