"""Account changes as the command line makes them (no account of its own): the site never
loses its last active admin, and every change is in the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.audit.models import AuditEvent
from api.audit.service import Actor
from api.db import make_engine, make_session_factory, transaction
from api.errors import Conflict
from api.settings import Settings
from api.users import management, service
from api.users.models import Role
from api.users.passwords import hashing_for

CLI = Actor("command line (tester)")


def test_the_last_active_admin_can_be_neither_demoted_nor_deactivated(
    settings: Settings,
) -> None:
    factory = make_session_factory(make_engine(settings.database_url))
    with transaction(factory) as session:
        admin = service.require_by_username(session, "admin")
        with pytest.raises(Conflict, match=r"only active admin.*Make another account admin"):
            management.set_active(session, CLI, admin, False)
        with pytest.raises(Conflict, match="only active admin"):
            management.set_role(session, CLI, admin, Role.CANDIDATE)
        assert admin.is_active and admin.role == "admin"

        # A deactivated second admin does not count; an active one does.
        interviewer = service.require_by_username(session, "interviewer")
        management.set_role(session, CLI, interviewer, Role.ADMIN)
        management.set_active(session, CLI, interviewer, False)
        with pytest.raises(Conflict, match="only active admin"):
            management.set_active(session, CLI, admin, False)
        management.set_active(session, CLI, interviewer, True)
        management.set_active(session, CLI, admin, False)
        assert not admin.is_active
        # Non-admins are never the last admin.
        management.set_active(session, CLI, service.require_by_username(session, "other"), False)


def test_changes_are_audited_and_non_changes_are_not(settings: Settings) -> None:
    factory = make_session_factory(make_engine(settings.database_url))
    with transaction(factory) as session:
        other = service.require_by_username(session, "other")
        management.set_role(session, CLI, other, Role.CANDIDATE)  # already
        management.set_active(session, CLI, other, True)  # already
        management.set_role(session, CLI, other, Role.INTERVIEWER)
        management.set_active(session, CLI, other, False)
        management.create_account(session, CLI, "zoe", Role.CANDIDATE, None, hashing_for(settings))
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [(e.actor, e.actor_id, e.action, e.target, e.detail) for e in events] == [
            (CLI.name, None, "user.role", "other", "role candidate → interviewer"),
            (CLI.name, None, "user.deactivate", "other", "sessions and API tokens ended"),
            (
                CLI.name,
                None,
                "user.create",
                "zoe",
                "created as candidate without a password (reset link)",
            ),
        ]
