"""The platform under load: page and API latency, submit-to-verdict latency, open SSE streams.

    .venv/bin/python benchmarks/load.py [--users 50 200] [--seconds 20] [--submissions 20]
        [--sse-steps 100 250 500 1000 2000] [--max-load 1.5] [--max-wait 1200]
        [--phases browse submit sse run | throughput] [--api-workers 1] [--runs 10]
        [--burst 500] [--burst-users 50] [--cpu-runs 9] [--stall-seconds 300]

It starts its own stack, on loopback only, with tests/support/stack.py as the tests do
(benchmarks/scenarios/stack.py): a PostgreSQL database created for the run and dropped after
(at ``NUMJUDGE_BENCH_POSTGRES``, default the tests' server), a Redis database number of its
own (claimed among 8–15 with the tests' lock key, and flushed after), a data directory in
/tmp, ``numjudge db upgrade`` and ``numjudge problems load`` (from ``problems/``), uvicorn
and ``celery -A worker.app worker --concurrency 1`` workers (warm pool on, the default) as
subprocesses, as ``make run`` does. The submission rate limit and the per-user pending cap
are raised for the run (the throughput phase sets the cap to each burst user's share,
see below). Accounts: the submitting candidate is created with
``numjudge users create`` and logs in through ``POST /api/v1/auth/login``; the browsing
candidates get a login session each from the users service.

The phases, one module each in benchmarks/scenarios/:
1. ``browse``: U users loop over the problem page, the problem list and a problem's API
   for S seconds, without pause and with an exponential think time (``--think``).
2. ``submit``: the engine alone, then N submissions with one worker and with two, at a
   steady rate (one every ``--interval`` s, default 2 × the engine's median) and all at once.
3. ``sse``: K open event streams step by step on one API process: memory, CPU, latency
   beside them.
4. ``run``: a Run of each of three references, ``--runs`` times, one at a time on an idle
   site: click (the POST the Run button sends) to verdict, against the sample probes' floor.
5. ``throughput`` (only when asked for: it takes long): CPU seconds per judging
   (``--cpu-runs`` of the mix, one at a time), then with each of ``--workers`` a burst:
   ``--burst-users`` users fire ``--burst`` submissions at once; judgings per minute
   against the bound cores ÷ CPU per judging, none lost, the order of claims against
   round-robin. The per-user pending cap is each burst user's share.

Waits first (polling every 30 s, up to ``--max-wait`` s) until the 1-minute load average is
below ``--max-load``, since other jobs may share the machine. Prints a Markdown report.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from types import FrameType

from judge_overhead import machine
from scenarios import browse, run_latency, sse, submit, throughput, throughput_report
from scenarios.measure import BenchmarkError, load_average, log, wait_for_quiet_machine
from scenarios.stack import login_submitter, running_stack, seed_browsers

from tests.support.stack import StackError

PHASES = ("browse", "submit", "sse", "run", "throughput")
DEFAULT_PHASES = ["browse", "submit", "sse", "run"]  # throughput: its own target, it takes long


def stop_on_sigterm() -> None:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(143)

    signal.signal(signal.SIGTERM, handler)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="The platform under load (see the docstring).")
    parser.add_argument("--users", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seconds", type=float, default=20.0, help="per browsing level")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time (0: none)")
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--interval", type=float, help="steady rate (default: 2 × engine)")
    parser.add_argument("--engine-runs", type=int, default=10)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sse-steps", type=int, nargs="+", default=[100, 250, 500, 1000, 2000])
    parser.add_argument("--sse-hold", type=float, default=20.0, help="seconds per step")
    parser.add_argument("--sse-submissions", type=int, default=10)
    parser.add_argument("--runs", type=int, default=10, help="run: Runs of each reference")
    parser.add_argument("--burst", type=int, default=500, help="throughput: submissions")
    parser.add_argument("--burst-users", type=int, default=50)
    parser.add_argument("--cpu-runs", type=int, default=9, help="throughput: CPU per judging")
    parser.add_argument(
        "--stall-seconds", type=float, default=300.0, help="throughput: give up waiting after"
    )
    parser.add_argument("--max-load", type=float, default=1.5, help="0: do not wait")
    parser.add_argument("--max-wait", type=float, default=1200.0)
    parser.add_argument("--phases", nargs="+", choices=PHASES, default=DEFAULT_PHASES)
    parser.add_argument(
        "--api-workers", type=int, default=1, help="uvicorn --workers (not with the SSE phase)"
    )
    arguments = parser.parse_args()
    if arguments.api_workers > 1 and "sse" in arguments.phases:
        parser.error("the SSE phase measures one API process: leave --api-workers at 1")
    if not 0 < arguments.burst_users <= arguments.burst:
        parser.error("--burst-users must be between 1 and --burst")
    return arguments


def pending_cap(arguments: argparse.Namespace) -> dict[str, int]:
    """With the throughput phase, the per-user pending cap is each burst user's share (the
    most any user of the other phases queues at once, if more): the burst runs under a cap
    as in production, not with it out of the way."""
    if "throughput" not in arguments.phases:
        return {}
    queued_at_once = {
        "throughput": -(-arguments.burst // arguments.burst_users),
        "submit": arguments.submissions,
        "sse": arguments.sse_submissions,
    }
    return {
        "pending_submissions_per_user": max(
            count for phase, count in queued_at_once.items() if phase in arguments.phases
        )
    }


def main() -> None:
    arguments = parse_arguments()
    phases = set(arguments.phases)
    stop_on_sigterm()

    load_note = "(not waited for)"
    if arguments.max_load > 0:
        load_note = wait_for_quiet_machine(arguments.max_load, arguments.max_wait)
    command = " ".join(["benchmarks/load.py", *sys.argv[1:]])
    # Each section is printed as soon as its phase ends: a later phase's failure keeps it.
    print("## Platform (benchmarks/load.py)\n")
    print(f"Machine: {machine()}\n")
    print(f"Command: `.venv/bin/python {command}`. 1-minute load average: {load_note}.\n")
    with running_stack(arguments.api_workers, **pending_cap(arguments)) as stack:
        log(f"stack up: API {stack.base_url} (pid {stack.api.popen.pid})")
        browsers = seed_browsers(stack, max(*arguments.users, arguments.burst_users))
        submitter = login_submitter(stack)

        if "browse" in phases:
            thinks = [0.0, arguments.think] if arguments.think > 0 else [0.0]
            levels = browse.browse(stack, browsers, arguments.users, arguments.seconds, thinks)
            section(browse.report(levels, arguments.seconds, arguments.api_workers))
        if "submit" in phases:
            log(f"engine alone: {arguments.engine_runs} runs")
            engine = submit.engine_alone(arguments.engine_runs)
            interval = arguments.interval or round(2 * engine.median, 1)
            count, workers = arguments.submissions, arguments.workers
            runs = submit.submissions(stack, submitter, count, interval, workers)
            section(submit.report(runs, engine, count, interval))
        if "sse" in phases:
            ramp = asyncio.run(
                sse.sse_ramp(
                    stack,
                    submitter,
                    browsers[0],
                    arguments.sse_steps,
                    arguments.sse_hold,
                    arguments.sse_submissions,
                )
            )
            section(sse.report(ramp, arguments.sse_hold))
        if "run" in phases:
            measured = run_latency.runs(stack, submitter, arguments.runs)
            section(run_latency.report(measured, arguments.runs))
        if "throughput" in phases:
            result = throughput.throughput(
                stack,
                browsers[: arguments.burst_users],
                arguments.workers,
                arguments.burst,
                arguments.cpu_runs,
                arguments.stall_seconds,
            )
            section(throughput_report.report(result, len(os.sched_getaffinity(0)), throughput.MIX))
    print(f"1-minute load average at the end: {load_average():.2f} (this run included).")


def section(text: str) -> None:
    print(text, flush=True)


if __name__ == "__main__":
    try:
        main()
    except (BenchmarkError, StackError) as failure:
        print(f"load: {failure}", file=sys.stderr)
        sys.exit(1)
