from __future__ import annotations

import datetime

from pydantic import BaseModel

from api.audit.models import AuditEvent


class AuditEventRead(BaseModel):
    id: int
    created_at: datetime.datetime
    actor: str
    action: str
    target: str
    detail: str

    @classmethod
    def build(cls, event: AuditEvent) -> AuditEventRead:
        return cls(
            id=event.id,
            created_at=event.created_at,
            actor=event.actor,
            action=event.action,
            target=event.target,
            detail=event.detail,
        )
