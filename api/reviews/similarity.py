"""Code similarity in the manner of MOSS: token-normalised k-gram fingerprints selected by
winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003). Pure logic, no service.

Normalising: Python's tokenizer, comments and layout dropped, every identifier becomes
``V``, every number ``N`` and every string ``S``; keywords and operators stay. So renaming
variables, reformatting and rewording comments change nothing, while a different algorithm
does. Fingerprints also found in the starter code are ignored (everyone starts from it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import keyword
import tokenize

K = 12  # tokens per k-gram: shorter matches are noise
WINDOW = 6  # winnowing window: any shared run of K + WINDOW - 1 tokens is detected
SKIPPED = frozenset(
    {
        tokenize.COMMENT,
        tokenize.NL,
        tokenize.NEWLINE,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENCODING,
        tokenize.ENDMARKER,
        tokenize.TYPE_COMMENT,
    }
)


@dataclasses.dataclass(frozen=True)
class Token:
    text: str
    line: int


def normalised_tokens(code: str) -> list[Token]:
    """The code's tokens, normalised; code that does not tokenize yields what came before."""
    found: list[Token] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type in SKIPPED:
                continue
            if token.type == tokenize.NAME:
                text = token.string if keyword.iskeyword(token.string) else "V"
            elif token.type == tokenize.NUMBER:
                text = "N"
            elif token.type == tokenize.STRING:
                text = "S"
            else:
                text = token.string
            found.append(Token(text, token.start[0]))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return found


@dataclasses.dataclass(frozen=True)
class Fingerprints:
    """The selected k-gram hashes, each with the source lines its k-gram spans."""

    lines: dict[int, tuple[int, int]]

    @property
    def hashes(self) -> set[int]:
        return set(self.lines)


def fingerprints(code: str) -> Fingerprints:
    tokens = normalised_tokens(code)
    grams: list[tuple[int, int, int]] = []
    for start in range(len(tokens) - K + 1):
        gram = tokens[start : start + K]
        text = " ".join(t.text for t in gram).encode()
        digest = int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")
        grams.append((digest, gram[0].line, gram[-1].line))
    selected: dict[int, tuple[int, int]] = {}
    if 0 < len(grams) < WINDOW:
        low = min(grams)
        selected[low[0]] = (low[1], low[2])
    for start in range(len(grams) - WINDOW + 1):
        # The rightmost minimum of each window, as the paper does.
        window = grams[start : start + WINDOW]
        low_index = min(range(WINDOW), key=lambda i: (window[i][0], -i))
        digest, first, last = window[low_index]
        selected.setdefault(digest, (first, last))
    return Fingerprints(selected)


@dataclasses.dataclass(frozen=True)
class Match:
    score: float  # shared fingerprints over the smaller set, 0-1
    shared: int
    left_lines: list[int]  # lines of each side inside shared k-grams
    right_lines: list[int]


def compare(left: Fingerprints, right: Fingerprints, ignored: set[int] | None = None) -> Match:
    ignored = ignored or set()
    mine = left.hashes - ignored
    theirs = right.hashes - ignored
    shared = mine & theirs
    smaller = min(len(mine), len(theirs))
    score = len(shared) / smaller if smaller else 0.0
    return Match(
        score=round(score, 3),
        shared=len(shared),
        left_lines=covered_lines(left, shared),
        right_lines=covered_lines(right, shared),
    )


def covered_lines(prints: Fingerprints, shared: set[int]) -> list[int]:
    lines: set[int] = set()
    for digest in shared:
        first, last = prints.lines[digest]
        lines.update(range(first, last + 1))
    return sorted(lines)
