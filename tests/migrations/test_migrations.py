"""Migrations: empty → head → base on SQLite and PostgreSQL, the models match the
migrated schema (autogenerate finds nothing to do), and data survives the migrations."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from api import migrate
from api.credentials import hash_token
from api.db import UTCDateTime, make_engine, make_session_factory, utcnow
from api.drafts.models import Draft
from api.models import metadata
from api.tokens import service as token_service
from api.users import service as user_service
from tests.support.platform import postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
    else:
        with postgres_database() as url:
            yield url


def table_names(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_to_head_and_down_to_base(empty_url: str) -> None:
    migrate.upgrade(empty_url)
    assert table_names(empty_url) == set(metadata.tables)
    migrate.downgrade(empty_url, "base")
    assert table_names(empty_url) == set()
    migrate.upgrade(empty_url)  # and up again
    assert table_names(empty_url) == set(metadata.tables)


def test_models_match_the_migrated_schema(empty_url: str) -> None:
    migrate.upgrade(empty_url)
    engine = make_engine(empty_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    engine.dispose()
    assert differences == []


BEFORE_ACCOUNTS = "d76e3ff8a437"  # drafts: the revision the accounts migration follows


@dataclasses.dataclass(frozen=True)
class OldTables:
    """The tables the accounts migration rebuilds (on SQLite) or points at, as they were
    before it."""

    users: sa.Table
    sessions: sa.Table
    tokens: sa.Table
    problems: sa.Table
    drafts: sa.Table


def old_tables() -> OldTables:
    old = sa.MetaData()
    return OldTables(
        users=sa.Table(
            "users",
            old,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("username", sa.String),
            sa.Column("password_hash", sa.String),
            sa.Column("role", sa.String),
            sa.Column("created_at", UTCDateTime),
        ),
        sessions=sa.Table(
            "user_sessions",
            old,
            sa.Column("token_hash", sa.String, primary_key=True),
            sa.Column("user_id", sa.Integer),
            sa.Column("created_at", UTCDateTime),
            sa.Column("expires_at", UTCDateTime),
        ),
        tokens=sa.Table(
            "api_tokens",
            old,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("token_hash", sa.String),
            sa.Column("user_id", sa.Integer),
            sa.Column("created_at", UTCDateTime),
        ),
        problems=sa.Table(
            "problems",
            old,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("slug", sa.String),
            sa.Column("created_at", UTCDateTime),
        ),
        drafts=sa.Table(
            "drafts",
            old,
            sa.Column("user_id", sa.Integer, primary_key=True),
            sa.Column("problem_id", sa.Integer, primary_key=True),
            sa.Column("code", sa.Text),
            sa.Column("revision", sa.Integer),
            sa.Column("updated_at", UTCDateTime),
        ),
    )


def test_the_accounts_migration_keeps_existing_accounts_sessions_tokens_and_drafts(
    empty_url: str,
) -> None:
    migrate.upgrade(empty_url, BEFORE_ACCOUNTS)
    old = old_tables()
    now = utcnow()
    engine = make_engine(empty_url)
    with engine.begin() as connection:
        connection.execute(
            old.users.insert().values(
                id=1, username="ann", password_hash="x", role="admin", created_at=now
            )
        )
        connection.execute(
            old.sessions.insert().values(
                token_hash=hash_token("ann's cookie"),
                user_id=1,
                created_at=now,
                expires_at=now + datetime.timedelta(days=1),
            )
        )
        connection.execute(
            old.tokens.insert().values(
                id=1, token_hash=hash_token("nj_ann"), user_id=1, created_at=now
            )
        )
        # Drafts point at users with ON DELETE CASCADE: a rebuild of `users` that let the
        # foreign keys act would empty them.
        connection.execute(old.problems.insert().values(id=1, slug="p", created_at=now))
        connection.execute(
            old.drafts.insert().values(
                user_id=1, problem_id=1, code="ann's draft", revision=3, updated_at=now
            )
        )

    migrate.upgrade(empty_url)
    with make_session_factory(engine)() as session:
        ann = user_service.user_for_session(session, "ann's cookie")
        assert ann is not None and ann.is_active and ann.credential_version == 0
        assert token_service.user_for_token(session, "nj_ann") is ann
        (token,) = token_service.list_tokens(session, ann)
        assert (token.name, token.expires_at, token_service.status(token, utcnow())) == (
            "unnamed",
            None,
            token_service.TokenStatus.ACTIVE,
        )
        draft = session.get(Draft, (1, 1))
        assert draft is not None and (draft.code, draft.revision) == ("ann's draft", 3)

    migrate.downgrade(empty_url, BEFORE_ACCOUNTS)
    with engine.connect() as connection:
        assert connection.execute(sa.select(old.users.c.username)).scalars().all() == ["ann"]
        for table in (old.tokens, old.drafts):
            count = sa.select(sa.func.count()).select_from(table)
            assert connection.execute(count).scalar() == 1, table.name
    engine.dispose()
