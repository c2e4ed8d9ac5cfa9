"""Memory of the API under a burst of parallel logins: each password check holds argon2's
memory while it runs, so what bounds the burst is how many run at once.

    .venv/bin/python benchmarks/login_memory.py [--logins 20] [--rounds 3]

Starts the same stack as benchmarks/load.py (benchmarks/scenarios/stack.py: its own
PostgreSQL database and Redis database, one uvicorn API process, no worker), creates one
candidate, then sends ``--logins`` logins with wrong passwords all at once, for that
candidate and for an unknown username, ``--rounds`` times, and reports the API process's
peak resident memory (VmHWM) before and after, with the settings' hashing parameters. The
login rate limits are raised out of the way.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import time

import httpx
from scenarios.measure import log, process_status
from scenarios.stack import RAISED_LIMIT, running_stack, seed_browsers

from api.settings import Settings
from api.users.passwords import concurrency_for


async def burst(base_url: str, username: str, logins: int) -> collections.Counter[int]:
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as client:
        responses = await asyncio.gather(
            *(
                client.post(
                    "/api/v1/auth/login",
                    json={"username": username, "password": f"wrong guess {index}"},
                )
                for index in range(logins)
            )
        )
    return collections.Counter(response.status_code for response in responses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--logins", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    defaults = Settings.model_construct()
    with running_stack(
        login_attempts_per_minute=RAISED_LIMIT,
        login_failures_per_username_per_minute=RAISED_LIMIT,
    ) as stack:
        seed_browsers(stack, 1)
        pid = stack.api.popen.pid
        before = process_status(pid, "VmHWM")
        answers: collections.Counter[int] = collections.Counter()
        started = time.perf_counter()
        for _ in range(arguments.rounds):
            for username in ("bench-user-0000", "nobody-at-all"):
                log(f"{arguments.logins} logins at once as {username}")
                answers += asyncio.run(burst(stack.base_url, username, arguments.logins))
        elapsed = time.perf_counter() - started
        after = process_status(pid, "VmHWM")
    print(
        f"argon2id m={defaults.password_hash_memory_kib} KiB, "
        f"t={defaults.password_hash_iterations}, p=1, "
        f"{concurrency_for(defaults)} at once (one per CPU)\n"
        f"{arguments.rounds} x 2 bursts of {arguments.logins} parallel logins "
        f"(a known and an unknown username) in {elapsed:.1f} s; answers {dict(answers)}\n"
        f"API peak RSS (VmHWM): {before / 1024:.0f} MiB before, {after / 1024:.0f} MiB after "
        f"(+{(after - before) / 1024:.0f} MiB)"
    )


if __name__ == "__main__":
    main()
