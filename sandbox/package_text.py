"""Reading a package's text files safely, on the trusted and the untrusted path alike.

Limits that keep a parser's cost bounded whatever an uploaded package holds: PyYAML's scanner
is quadratic in the nesting of flow collections ("[[[[…": 100,000 of them take minutes), and
a Markdown renderer pays ~75 µs per character on runs of brackets (256 KB of "[" take 20 s of
the API's CPU; guidance is rendered when asked for). The bank's largest YAML file is 3.5 KB
and its largest statement 9 KB.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_YAML_CHARS = 64 * 1024
MAX_YAML_DEPTH = 64
MAX_MARKDOWN_CHARS = 64 * 1024
MARKDOWN_FILES = ("statement.md", "hints.md", "editorial.md")


class TextRefused(Exception):
    """A package file that is not read: ``where`` in it ("" or ``line 3, column 7``), and
    the reason, which says what to do."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}" if where else reason)
        self.where = where
        self.reason = reason


def markdown_refusal(text: str) -> str | None:
    """Why a Markdown file (statement, hints, editorial) is refused, or None."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return f"{len(text)} characters; a Markdown file may have at most {MAX_MARKDOWN_CHARS}"
    return None


def safe_yaml(text: str) -> Any:
    """``yaml.safe_load`` of a package's YAML file, refusing aliases (a few hundred bytes of
    nested aliases expand to billions of items when walked) and files too large or too deeply
    nested to parse quickly; raises ``TextRefused``."""
    if len(text) > MAX_YAML_CHARS:
        raise TextRefused(
            "", f"{len(text)} characters; a YAML file may have at most {MAX_YAML_CHARS}"
        )
    depth = deepest = 0
    for character in text:  # brackets inside strings count too: a conservative bound
        depth += (character in "[{") - (character in "]}")
        deepest = max(deepest, depth)
    if deepest > MAX_YAML_DEPTH:
        raise TextRefused(
            "", f"brackets nested {deepest} deep; nest at most {MAX_YAML_DEPTH} levels"
        )
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                where = f"line {mark.line + 1}" if mark else ""
                raise TextRefused(
                    where, "YAML aliases (*name) are not allowed here; write the value out"
                )
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise TextRefused(where, f"not valid YAML: {error.problem}; fix it") from error
    except TextRefused:
        raise
    except Exception as error:  # untrusted text: whatever PyYAML raises (an int of 5,000
        # digits, nesting past the recursion limit) is the file's fault, never a crash
        reason = f"not valid YAML ({type(error).__name__}: {str(error)[:100]}); fix it"
        raise TextRefused("", reason) from error
