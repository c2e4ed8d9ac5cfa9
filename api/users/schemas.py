from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from api.users.models import User


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


class Credentials(BaseModel):
    username: StorableText = Field(max_length=64)
    password: StorableText = Field(max_length=1024)


class UserRead(BaseModel):
    id: int
    username: str
    role: str

    @classmethod
    def build(cls, user: User) -> UserRead:
        return cls(id=user.id, username=user.username, role=user.role)
