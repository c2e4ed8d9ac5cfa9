"""Transcripts of sample probes: calls and answers in words, bounded, recorded by the
proxies in the harness, decoded strictly, and reported beside the reference's."""

import numpy as np

from sandbox.harness import transcript
from sandbox.harness.transcript import MAX_CALLS, MAX_CHARS, Call, describe, transcribing
from sandbox.judge import judge
from sandbox.observations import decode_transcript
from sandbox.problem import ProblemPackage
from sandbox.runner import InProcessRunner


def test_values_are_described_by_dtype_shape_and_first_values() -> None:
    assert describe(np.arange(6.0).reshape(2, 3)) == "array(float64, (2, 3)) [0, 1, 2, 3, …]"
    assert describe((np.array([1.5]), 2.0)) == "(array(float64, (1,)) [1.5], 2)"
    assert describe(1 / 3) == "0.333333"
    assert describe(10**400).endswith("…")  # past a float's range, no crash
    assert describe("x" * 100) == repr("x" * 40 + "…")
    assert describe({"a": [1, 2, 3, 4, 5]}) == "{'a': [1, 2, 3, 4, …]}"


def test_a_transcript_is_bounded() -> None:
    with transcribing() as calls:
        for i in range(MAX_CALLS + 5):
            transcript.record("f", f"({'y' * 1000})", str(i))
    lines = calls.to_wire()
    assert len(lines) == MAX_CALLS + 1
    assert lines[-1] == {"call": "… and 5 more calls", "result": ""}
    assert all(len(line["call"]) <= MAX_CHARS for line in lines)
    transcript.record("outside", "()", "not recorded")  # no transcript open: nothing happens
    assert len(calls.calls) == MAX_CALLS


def test_decoding_drops_what_is_malformed() -> None:
    raw = [{"call": "f()", "result": "1"}, {"call": 3}, "text", {"call": "g()", "result": None}]
    assert decode_transcript(raw) == (Call("f()", "1"), Call("g()", ""))
    assert decode_transcript({"call": "f()"}) == ()
    assert decode_transcript([{"call": "x" * 10_000}])[0].call == "x" * MAX_CHARS


def test_sample_probes_report_their_calls_beside_the_references(
    mean_problem: ProblemPackage,
) -> None:
    wrong = "class MeanPredictor:\n" + "\n".join(
        [
            "    def fit(self, X, y):",
            "        self.mean_ = float(y.mean()) + 1.0",
            "        self.loss_history = [1.0]",
            "        return self",
            "    def predict(self, X):",
            "        import numpy as np",
            "        return np.full(len(X), self.mean_)",
        ]
    )
    report = judge(mean_problem, wrong, runner=InProcessRunner(), seed=7).to_dict()
    probes = {p["name"]: p for p in report["probes"]}
    sample = probes["fit_small"]
    calls = [line["call"] for line in sample["transcript"]]
    assert calls[0] == "MeanPredictor()" and calls[1].startswith("<object 1>.fit(")
    assert "array(float64, (50, 3))" in calls[1]
    mean = calls.index("<object 1>.mean_")
    assert sample["transcript"][mean]["result"] != sample["expected"][mean]["result"]
    assert "transcript" not in probes["predict_holdout"]  # not a sample probe
