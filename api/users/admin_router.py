"""Account administration under /api/v1/users (admins only)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, status

from api.audit.service import Actor
from api.auth import CurrentAdmin
from api.db import SessionDep
from api.dependencies import SettingsDep, require_json
from api.settings import Settings
from api.users import management, resets, service
from api.users.models import PasswordReset, User
from api.users.passwords import hashing_for
from api.users.schemas import (
    PasswordResetLink,
    UserAdminRead,
    UserCreate,
    UserCreated,
    UserUpdate,
)

router = APIRouter(prefix="/users", tags=["users"])


def site_url(request: Request, settings: Settings) -> str:
    return settings.public_url or str(request.base_url)


def reset_link(
    request: Request, settings: Settings, user: User, issued: tuple[PasswordReset, str]
) -> PasswordResetLink:
    reset, token = issued
    return PasswordResetLink.build(user, reset, resets.link(site_url(request, settings), token))


@router.get("", response_model=list[UserAdminRead])
def list_users(session: SessionDep, _admin: CurrentAdmin) -> list[UserAdminRead]:
    """Every account, by username."""
    return [UserAdminRead.build(user) for user in management.list_users(session)]


@router.post(
    "",
    response_model=UserCreated,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_json)],
)
def create_user(
    account: UserCreate,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    admin: CurrentAdmin,
) -> UserCreated:
    """Create an account. Without a password, the answer carries a one-time link with
    which the user sets their own (so that no admin ever knows it)."""
    actor = Actor.of(admin)
    user = management.create_account(
        session, actor, account.username, account.role, account.password, hashing_for(settings)
    )
    link = None
    if account.password is None:
        issued = resets.issue(session, actor, user, settings.password_reset_hours)
        link = reset_link(request, settings, user, issued)
    return UserCreated(user=UserAdminRead.build(user), password_reset=link)


@router.get("/{username}", response_model=UserAdminRead)
def get_user(username: str, session: SessionDep, _admin: CurrentAdmin) -> UserAdminRead:
    return UserAdminRead.build(service.require_by_username(session, username))


@router.patch("/{username}", response_model=UserAdminRead, dependencies=[Depends(require_json)])
def update_user(
    username: str, changes: UserUpdate, session: SessionDep, admin: CurrentAdmin
) -> UserAdminRead:
    """Change the role and/or deactivate (``is_active: false``: every session and API token
    of the account ends at once) or reactivate. You cannot deactivate or demote yourself,
    nor leave the site without an active admin."""
    user = service.require_by_username(session, username)
    actor = Actor.of(admin)
    if changes.role is not None:
        management.set_role(session, actor, user, changes.role)
    if changes.is_active is not None:
        management.set_active(session, actor, user, changes.is_active)
    return UserAdminRead.build(user)


@router.post(
    "/{username}/password-reset",
    response_model=PasswordResetLink,
    status_code=status.HTTP_201_CREATED,
)
def issue_password_reset(
    username: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    admin: CurrentAdmin,
) -> PasswordResetLink:
    """A one-time link to set the user's password, valid for NUMJUDGE_PASSWORD_RESET_HOURS;
    any older unused link stops working. The current password keeps working until the
    link is used."""
    user = service.require_by_username(session, username)
    issued = resets.issue(session, Actor.of(admin), user, settings.password_reset_hours)
    return reset_link(request, settings, user, issued)
