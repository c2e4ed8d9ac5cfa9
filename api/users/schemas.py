from __future__ import annotations

from pydantic import BaseModel, Field

from api.users.models import User


class Credentials(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class UserRead(BaseModel):
    id: int
    username: str
    role: str

    @classmethod
    def build(cls, user: User) -> UserRead:
        return cls(id=user.id, username=user.username, role=user.role)
