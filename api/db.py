"""Database engine, sessions, and the one place transactions are committed.

Services only add, change and flush; the edges (a request, a worker task, a CLI command)
commit with ``commit``, which then runs the jobs registered with ``after_commit`` — so a
job (a Celery message) never refers to a row that may still be rolled back.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import DateTime, Engine, MetaData, create_engine, event, make_url
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

log = logging.getLogger(__name__)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
AFTER_COMMIT_KEY = "numjudge_after_commit"
# Connections per process, and how many requests may hold a session at once: fewer than the
# connections, so that requests always leave some for SSE polls and /healthz (see SessionDep).
POOL_SIZE, MAX_OVERFLOW = 10, 20
REQUEST_SESSIONS = 25
PRIVATE_FILE_MODE = 0o600
# Ids are INTEGER columns: 32 bits on PostgreSQL. A larger number is no row, not an error.
MAX_ID = 2**31 - 1


class UTCDateTime(TypeDecorator[datetime.datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: datetime.datetime | None, dialect: Any
    ) -> datetime.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime; use api.db.utcnow()")
        return value.astimezone(datetime.UTC) if value is not None else None

    def process_result_value(
        self, value: datetime.datetime | None, dialect: Any
    ) -> datetime.datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=datetime.UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def make_private_sqlite_file(url: str) -> None:
    """Create the SQLite file readable by its owner only (0600), or make it so, before SQLite
    opens it: SQLite gives its -wal and -shm files the database file's mode."""
    path = make_url(url).database
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    database = Path(path)
    if not database.parent.is_dir():
        database.parent.mkdir(mode=0o700, parents=True)
    # Never open an existing database file here: closing any descriptor of it drops every
    # POSIX lock this process holds on it, and so the locks of the process's live SQLite
    # connections (a second engine in a process that serves: tests, the CLI beside a server
    # thread), which lets writers corrupt it. A new file has no connection to lose locks.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(database, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    if stat.S_IMODE(database.stat().st_mode) != PRIVATE_FILE_MODE:
        database.chmod(PRIVATE_FILE_MODE)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        make_private_sqlite_file(url)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=POOL_SIZE,
            max_overflow=MAX_OVERFLOW,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def upsert(
    session: Session,
    model: type[Base],
    values: dict[str, Any],
    keys: list[Any],
    changes: dict[str, Any],
    where: Any = None,
) -> None:
    """One ``INSERT … ON CONFLICT (keys) DO UPDATE SET changes [WHERE where]`` (SQLite and
    PostgreSQL alike), so that two requests writing one row at once never collide."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(model).values(**values)
    session.execute(statement.on_conflict_do_update(index_elements=keys, set_=changes, where=where))


def after_commit(session: Session, job: Callable[[], None]) -> None:
    """Run ``job`` once the current transaction has been committed by ``commit``."""
    session.info.setdefault(AFTER_COMMIT_KEY, []).append(job)


def commit(session: Session) -> None:
    """Commit, then run the jobs waiting for it. A failing job is logged, never raised:
    the committed row is the source of truth and the sweep catches up on lost jobs."""
    session.commit()
    jobs: list[Callable[[], None]] = session.info.pop(AFTER_COMMIT_KEY, [])
    for job in jobs:
        try:
            job()
        except Exception:
            log.exception("a job after commit failed; the sweep will retry it")


def rollback(session: Session) -> None:
    session.rollback()
    session.info.pop(AFTER_COMMIT_KEY, None)


def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: committed when the block ends normally, rolled back otherwise."""
    session = factory()
    try:
        yield session
        commit(session)
    except BaseException:
        rollback(session)
        raise
    finally:
        session.close()


def _request_session(request: Request) -> Iterator[Session]:
    yield from session_scope(request.app.state.session_factory)


# scope="function": commit before the response is sent, so a client that gets 202 can read
# the row it was told about. max_concurrency: a request keeps its connection from its first
# query until FastAPI has validated the response, and between the dependencies, the endpoint
# and that validation it waits for a thread of the shared pool (40). Unlimited, the requests
# holding every connection waited for threads that all waited for connections: some 70
# concurrent requests (30 connections + 40 threads) stalled the API for the pool timeout
# (30 s), then failed with 500.
SessionDep = Annotated[
    Session, Depends(_request_session, scope="function", max_concurrency=REQUEST_SESSIONS)
]


def transaction(factory: sessionmaker[Session]) -> contextlib.AbstractContextManager[Session]:
    """``with transaction(factory) as session:`` — the edge for workers and commands."""
    return contextlib.contextmanager(session_scope)(factory)
