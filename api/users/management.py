"""What admins (and the command line) do to accounts: create, change the role, deactivate
and reactivate. Every change is recorded in the audit log; none leaves the site without an
active admin."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.audit import service as audit
from api.audit.models import AuditAction
from api.audit.service import Actor
from api.errors import Conflict
from api.users import service
from api.users.models import Role, User
from api.users.passwords import PasswordHashing


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def create_account(
    session: Session,
    actor: Actor,
    username: str,
    role: Role,
    password: str | None,
    hashing: PasswordHashing,
) -> User:
    user = service.create_user(session, username, password, role, hashing)
    how = "with a password" if password is not None else "without a password (reset link)"
    audit.record(session, actor, AuditAction.USER_CREATE, user, f"created as {role} {how}")
    return user


def ensure_another_active_admin(session: Session, user: User, change: str) -> None:
    """Refuse ``change`` when ``user`` is the only active admin: nobody could undo it."""
    if user.role_enum is not Role.ADMIN or not user.is_active:
        return
    # FOR UPDATE (PostgreSQL): two admins demoting each other at once wait in turn, so the
    # second sees the first's change. SQLite serializes writers anyway.
    admins = select(User.id).where(User.role == Role.ADMIN.value, User.is_active).with_for_update()
    others = session.scalar(
        select(func.count()).select_from(admins.where(User.id != user.id).subquery())
    )
    if not others:
        raise Conflict(
            f"'{user.username}' is the only active admin; {change} would leave nobody to "
            "manage accounts. Make another account admin first"
        )


def refuse_self(actor: Actor, user: User, change: str) -> None:
    if actor.user_id == user.id:
        raise Conflict(f"you cannot {change} your own account; ask another admin")


def set_role(session: Session, actor: Actor, user: User, role: Role) -> None:
    if user.role_enum is role:
        return
    if role is not Role.ADMIN:
        refuse_self(actor, user, "take the admin role from")
        ensure_another_active_admin(session, user, f"making it {role}")
    detail = f"role {user.role} → {role}"
    user.role = role.value
    audit.record(session, actor, AuditAction.USER_ROLE, user, detail)


def set_active(session: Session, actor: Actor, user: User, active: bool) -> None:
    if user.is_active == active:
        return
    if active:
        user.is_active = True
        audit.record(session, actor, AuditAction.USER_REACTIVATE, user, "can log in again")
        return
    refuse_self(actor, user, "deactivate")
    ensure_another_active_admin(session, user, "deactivating it")
    user.is_active = False
    service.end_all_logins(session, user)
    audit.record(session, actor, AuditAction.USER_DEACTIVATE, user, "sessions and API tokens ended")
