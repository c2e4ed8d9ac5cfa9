"""What the API shows of a draft; the problem page embeds the same object."""

from __future__ import annotations

import datetime

from pydantic import BaseModel

from api.drafts.models import Draft


class DraftSaved(BaseModel):
    problem: str
    revision: int
    updated_at: datetime.datetime

    @classmethod
    def build(cls, draft: Draft, slug: str) -> DraftSaved:
        return cls(problem=slug, revision=draft.revision, updated_at=draft.updated_at)


class DraftRead(DraftSaved):
    code: str

    @classmethod
    def build(cls, draft: Draft, slug: str) -> DraftRead:
        return cls(
            problem=slug, revision=draft.revision, updated_at=draft.updated_at, code=draft.code
        )
