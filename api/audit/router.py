from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import service
from api.audit.schemas import AuditEventRead
from api.auth import CurrentAdmin
from api.db import SessionDep

router = APIRouter(tags=["audit"])

DEFAULT_LIMIT, MAX_LIMIT = 100, 500


@router.get("/audit", response_model=list[AuditEventRead])
def audit_log(
    session: SessionDep,
    _admin: CurrentAdmin,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    before: Annotated[int | None, Query(description="only events older than this id")] = None,
    target: Annotated[str | None, Query(description="only events about this username")] = None,
) -> list[AuditEventRead]:
    """Admin actions on accounts, newest first (admins only). Page back with ``before``
    set to the last id you got."""
    events = service.list_events(session, limit=limit, before=before, target=target)
    return [AuditEventRead.build(event) for event in events]
