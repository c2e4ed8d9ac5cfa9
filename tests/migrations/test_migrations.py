"""Migrations: empty → head → base on SQLite and PostgreSQL, and the models match the
migrated schema (autogenerate finds nothing to do)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from api import migrate
from api.db import make_engine
from api.models import metadata
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
