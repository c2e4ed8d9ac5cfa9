"""The sandbox's CPU clock (sandbox/harness/cpu_clock.py): cgroup v2 or v1, else none."""

from __future__ import annotations

from pathlib import Path

from sandbox.harness.cpu_clock import cpu_clock


def test_the_clock_reads_cgroup_v2_then_v1_and_is_none_outside_a_container(
    tmp_path: Path,
) -> None:
    v2, v1 = tmp_path / "cpu.stat", tmp_path / "cpuacct.usage"
    assert cpu_clock(v2, v1) is None
    v1.write_text("2500000000\n")
    v1_clock = cpu_clock(v2, v1)
    assert v1_clock is not None and v1_clock() == 2.5
    v2.write_text("usage_usec 1500000\nuser_usec 1000000\nsystem_usec 500000\n")
    v2_clock = cpu_clock(v2, v1)
    assert v2_clock is not None and v2_clock() == 1.5
    v2.write_text("usage_usec 1750000\n")  # read afresh on every call
    assert v2_clock() == 1.75
