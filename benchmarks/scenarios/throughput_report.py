"""The throughput scenario's Markdown report."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Sequence

from scenarios.burst_analysis import MIDDLE, Claimed, fairness, per_minute
from scenarios.judgings import FINAL, Judged
from scenarios.measure import median_of, p
from scenarios.throughput import BurstRun, JudgingCpu, Throughput

COST_COLUMNS: dict[str, Callable[[JudgingCpu], float]] = {
    "worker": lambda c: c.worker,
    "reference": lambda c: c.reference,
    "sandbox": lambda c: c.sandbox.seconds,
    "**judging**": lambda c: c.judging,
    "API": lambda c: c.api,
    "dockerd + containerd / shims": lambda c: c.sandbox.daemons,
    "POST → verdict (wall)": lambda c: c.wall,
}


def cost_row(name: str, costs: Sequence[JudgingCpu], average: Callable[..., float]) -> str:
    cells = []
    for column, value in COST_COLUMNS.items():
        figure = f"{average([value(c) for c in costs]):.3f}"
        if column.startswith("dockerd"):
            figure += f" / {average([c.sandbox.shims for c in costs]):.3f}"
        cells.append(f"**{figure}**" if column.startswith("**") else figure)
    return f"| {name} | {len(costs)} | " + " | ".join(cells) + " |"


def everything(cost: JudgingCpu) -> float:
    return cost.judging + cost.api + cost.sandbox.daemons + cost.sandbox.shims


def costs_section(costs: Sequence[JudgingCpu], cores: int) -> tuple[str, float]:
    """The CPU table and the bound (judgings per minute at full cores)."""
    by_slug: dict[str, list[JudgingCpu]] = {}
    for cost in costs:
        by_slug.setdefault(cost.slug, []).append(cost)
    exact = [c for c in costs if c.sandbox.exact]
    loss = median_of([c.sandbox.seconds - c.sandbox.sampled for c in exact])
    mean = statistics.mean(c.judging for c in costs)
    bound = cores / mean * 60
    all_in = cores / statistics.mean(everything(c) for c in costs) * 60
    lines = [
        "CPU seconds per judging: the mix's reference solutions submitted one at a time to "
        "one worker (warm pool); each window runs from before the POST until the pool is at "
        "rest again after the verdict, so it holds the judging and the warm start of the "
        "sandbox that replaces the one it used. *worker*: Celery's processes; *reference*: "
        "the processes they reaped (the reference solution's); *sandbox*: the containers' "
        "cgroups; *judging* = the three. Beside them the API's processes (the POST), and "
        "dockerd + containerd (machine-wide) / the containers' shims. Medians per problem, "
        "means for the mix.\n",
        "| problem | runs | " + " | ".join(COST_COLUMNS) + " |",
        "|---|---:|" + "---:|" * len(COST_COLUMNS),
        *(cost_row(slug, group, median_of) for slug, group in by_slug.items()),
        cost_row("mix (mean)", costs, statistics.mean),
        "",
        f"Sandbox CPU from the parent cgroup (exact) in {len(exact)} of {len(costs)} windows"
        + (
            f"; per-container sampling fell short of it by {loss:.3f} s at the median"
            if exact
            else ""
        )
        + "; in the others another engineer's container used the CPU too, and our containers' "
        "sampled usage stands in.\n",
        f"**The bound** on {cores} cores: {cores} ÷ {mean:.3f} s = "
        f"**{bound:.1f} judgings per minute**; 90 % of it: **{0.9 * bound:.1f}**. Counting "
        f"the API and Docker's daemons as well: {all_in:.1f} per minute.\n",
    ]
    return "\n".join(lines), bound


def lost(run: BurstRun) -> list[Judged]:
    return [j for j in run.judged if j.status not in FINAL]


def burst_row(run: BurstRun, bound: float) -> str:
    judged = [j for j in run.judged if j.status in FINAL]
    verdicts = [j.finished for j in judged]
    middle = per_minute(verdicts, MIDDLE)
    wall = max(verdicts, default=math.nan) - min(item.posted for item in run.posted)
    not_accepted = sum(1 for j in judged if j.verdict != "accepted")
    return (
        f"| {run.workers} | {len(run.posted) + len(run.rejected)} ({run.users}) | "
        f"{len(run.rejected)} | {wall:.1f} | "
        f"{median_of([j.finished - j.claimed for j in judged]):.2f} | "
        f"{per_minute(verdicts):.1f} | **{middle:.1f}** | **{middle / bound:.0%}** | "
        f"**{len(lost(run))}** | {sum(1 for j in judged if j.status != 'done')} | "
        f"{sum(1 for j in run.judged if j.attempts != 1)} | "
        f"{sum(1 for j in run.judged if j.result_events != 1 or j.running_events != 1)} | "
        f"{not_accepted} | {run.load_before:.1f} → {run.load_after:.1f} |"
    )


def fairness_row(run: BurstRun) -> str:
    claimed = [Claimed(j.posted.user, j.posted.accepted, j.claimed) for j in run.judged]
    fair = fairness([c for c in claimed if not math.isnan(c.claimed)])
    waits = fair.median_waits
    accepted = [j.accepted - j.posted for j in run.posted]
    return (
        f"| {run.workers} | **{fair.others_between_max}** (≤ {fair.users - 1}) / "
        f"{fair.others_between_median:.0f} | **{fair.overtakes}** | "
        f"{min(waits, default=math.nan):.1f} / {median_of(waits):.1f} / "
        f"{max(waits, default=math.nan):.1f} | "
        f"{p(accepted, 50) * 1000:.0f} / {p(accepted, 95) * 1000:.0f} |"
    )


def not_accepted(run: BurstRun) -> str:
    judged = [j for j in run.judged if j.verdict != "accepted"]
    if not judged:
        return f"{run.workers} worker(s): every verdict was accepted."
    verdicts = Counter(f"{j.posted.slug}: {j.verdict or j.status}" for j in judged)
    checks = Counter(check for j in judged for check in j.failed_checks)
    errors = Counter(j.error for j in judged if j.error)
    return (
        f"{run.workers} worker(s): {len(judged)} not accepted: "
        + ", ".join(f"{count} × {name}" for name, count in verdicts.most_common())
        + "; failed checks: "
        + (", ".join(f"{count} × `{name}`" for name, count in checks.most_common()) or "none")
        + "".join(f"; error: {text} ({count} ×)" for text, count in errors.most_common(3))
        + "."
    )


def report(result: Throughput, cores: int, mix: Sequence[str]) -> str:
    costs, bound = costs_section(result.costs, cores)
    first = result.bursts[0] if result.bursts else None
    lines = [
        f"### Throughput: CPU per judging and a burst ({', '.join(mix)})\n",
        costs,
    ]
    if first is not None:
        lines += [
            f"*Burst*: {first.users} users, each with a login session of their own, fire "
            f"their share of {len(first.posted) + len(first.rejected)} submissions back to "
            "back, all at once; each user's cycle through the mix. Per-user pending cap "
            f"(`NUMJUDGE_PENDING_SUBMISSIONS_PER_USER`) for the run: {result.pending_cap}, "
            "each user's share. The rate is of verdicts (`finished_at`), between the first "
            "and the last and over the middle 80 %; *of the bound* is the middle 80 %'s. "
            "*lost*: accepted but not final at the end; *errors*: final as `error`; "
            "*attempts ≠ 1* and *events ≠ 1* (`running` or `result` events in the "
            "submission's stream): judged more than once.\n",
            "| workers | submissions (users) | POSTs refused | first POST → last verdict s | "
            "claim → verdict p50 s | judgings/min first → last | middle 80 % | of the bound "
            "| lost | errors | attempts ≠ 1 | events ≠ 1 | not accepted | load before → after |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
            *(burst_row(run, bound) for run in result.bursts),
            "",
            "Fairness: the order of claims (each submission's first `running` event) against "
            "round-robin between users. *Others between*: how many other users' claims came "
            "between two consecutive claims of one user, max (round-robin: at most users − 1) "
            "/ median. *Overtakes*: claims that went to a user while another user had waited, "
            "unserved, since before that user's previous claim (with one worker round-robin "
            "allows none). Users' median wait, 202 → claim: least / median / most of the "
            "users'.\n",
            "| workers | others between max / median | overtakes | users' median wait s "
            "(min / median / max) | POST → 202 p50 / p95 ms |",
            "|---:|---:|---:|---:|---:|",
            *(fairness_row(run) for run in result.bursts),
            "",
            *(not_accepted(run) + "\n" for run in result.bursts),
        ]
        for run in result.bursts:
            lines += [
                f"Refused POST ({run.workers} worker(s)): {text}\n" for text in run.rejected[:3]
            ]
    return "\n".join(lines)
