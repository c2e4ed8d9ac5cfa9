"""Saving drafts: the upsert holds when two saves of one draft race (two tabs)."""

from __future__ import annotations

import threading

from sqlalchemy import select

from api.db import make_engine, make_session_factory, transaction
from api.drafts import service
from api.drafts.models import Draft
from api.problems.models import Problem
from api.settings import Settings
from api.users.models import User

SAVES = 8


def test_concurrent_saves_of_one_draft_all_succeed(settings: Settings) -> None:
    factory = make_session_factory(make_engine(settings.database_url))
    barrier = threading.Barrier(SAVES)
    errors: list[BaseException] = []

    def save(number: int) -> None:
        try:
            with transaction(factory) as session:
                user = session.scalars(select(User).where(User.username == "candidate")).one()
                problem = session.scalars(
                    select(Problem).where(Problem.slug == "mean-predictor")
                ).one()
                barrier.wait(timeout=30)
                service.save(session, user, problem, f"save {number}")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(SAVES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with transaction(factory) as session:
        drafts = list(session.scalars(select(Draft)))
    assert len(drafts) == 1
    assert drafts[0].revision == SAVES
    assert drafts[0].code in {f"save {n}" for n in range(SAVES)}
