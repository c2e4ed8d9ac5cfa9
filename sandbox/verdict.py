"""Verdicts: what happened to a submission, as a small explicit type."""

from __future__ import annotations

import enum


class Verdict(enum.StrEnum):
    ACCEPTED = "accepted"  # ran, and every check passed
    WRONG_ANSWER = "wrong_answer"  # ran, and some checks lost points
    SYNTAX_ERROR = "syntax_error"
    FORBIDDEN_IMPORT = "forbidden_import"
    MISSING_INTERFACE = "missing_interface"  # the class or a method the statement names
    RUNTIME_ERROR = "runtime_error"  # an exception, a crash, an exit
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    SANDBOX_ERROR = "sandbox_error"  # the sandbox stopped before reporting everything
    INTERNAL_ERROR = "internal_error"  # the judge itself failed; not the candidate's fault

    @property
    def ran(self) -> bool:
        """Whether the code was run at all (pre-run verdicts score 0 without running)."""
        return self not in {Verdict.SYNTAX_ERROR, Verdict.FORBIDDEN_IMPORT}


TITLES = {
    Verdict.ACCEPTED: "Accepted",
    Verdict.WRONG_ANSWER: "Wrong answer",
    Verdict.SYNTAX_ERROR: "Syntax error",
    Verdict.FORBIDDEN_IMPORT: "Forbidden import",
    Verdict.MISSING_INTERFACE: "Missing class or method",
    Verdict.RUNTIME_ERROR: "Runtime error",
    Verdict.TIME_LIMIT: "Time limit exceeded",
    Verdict.MEMORY_LIMIT: "Memory limit exceeded",
    Verdict.OUTPUT_LIMIT: "Output limit exceeded",
    Verdict.SANDBOX_ERROR: "Sandbox stopped",
    Verdict.INTERNAL_ERROR: "Judge error",
}
