"""The account pages: everyone's Account page (password, API tokens), the admins' Users and
Audit log pages, and the page a one-time password link opens. Like the other pages, each
embeds what the JSON API would answer and does everything else in the browser through it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.audit import service as audit
from api.audit.schemas import AuditEventRead
from api.auth import CurrentUserOptional
from api.db import SessionDep, utcnow
from api.formatting import format_time
from api.pages.access import AdminPageUser, PageUser
from api.pages.templating import render
from api.tokens import service as tokens
from api.tokens.schemas import TokenRead
from api.users import management
from api.users.models import Role
from api.users.schemas import UserAdminRead

router = APIRouter(include_in_schema=False)

AUDIT_PAGE_SIZE = 50


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, session: SessionDep, user: PageUser) -> Response:
    now = utcnow()
    listed = [TokenRead.build(t, now) for t in tokens.list_tokens(session, user)]
    return render(
        request,
        "account.html",
        user,
        account_data={"tokens": [t.model_dump(mode="json") for t in listed]},
        max_expiry_days=tokens.MAX_EXPIRY_DAYS,
    )


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, session: SessionDep, user: AdminPageUser) -> Response:
    accounts = [UserAdminRead.build(u) for u in management.list_users(session)]
    return render(
        request,
        "users.html",
        user,
        roles=[role.value for role in Role],
        users_data={"users": [a.model_dump(mode="json") for a in accounts], "me": user.username},
    )


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    session: SessionDep,
    user: AdminPageUser,
    before: Annotated[int | None, Query()] = None,
    target: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    found = audit.list_events(
        session, limit=AUDIT_PAGE_SIZE + 1, before=before, target=target or None
    )
    events = [AuditEventRead.build(e) for e in found[:AUDIT_PAGE_SIZE]]
    return render(
        request,
        "audit.html",
        user,
        events=[{**e.model_dump(mode="json"), "when": format_time(e.created_at)} for e in events],
        older=events[-1].id if len(found) > AUDIT_PAGE_SIZE else None,
        newest=before is None,
        target=target,
    )


@router.get("/password-reset", response_class=HTMLResponse)
def password_reset_page(request: Request, user: CurrentUserOptional) -> Response:
    """Open to anyone: the link's token is after '#', read by the page's script."""
    return render(request, "password_reset.html", user)
