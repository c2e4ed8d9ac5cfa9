"""What the similarity check of an assessment costs: fingerprinting (tokenize, 12-token
k-grams, winnowing) per file, and comparing two fingerprint sets, over the repository's
reference solutions and known submissions (real code of the size candidates write).

    .venv/bin/python benchmarks/similarity.py [--rounds 5]

Prints the machine, its load average, the files, and per operation the median over
``--rounds`` of the time per file or per pair; then what one assessment's check would cost
for 10, 50 and 200 candidates (each compared with every other and with ~20 package files).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

from api.reviews.similarity import compare, fingerprints

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_FILES = 20


def sources() -> list[str]:
    found = []
    for package in sorted((ROOT / "problems").iterdir()):
        if (package / "reference.py").is_file():
            found.append((package / "reference.py").read_text())
            found += [p.read_text() for p in sorted((package / "submissions").glob("*.py"))]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    codes = sources()
    lines = [code.count("\n") + 1 for code in codes]
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"files: {len(codes)} (median {statistics.median(lines):.0f} lines)")
    per_file, per_pair = [], []
    for _ in range(arguments.rounds):
        start = time.perf_counter()
        prints = [fingerprints(code) for code in codes]
        per_file.append((time.perf_counter() - start) / len(codes))
        start = time.perf_counter()
        pairs = 0
        for index, left in enumerate(prints):
            for right in prints[index + 1 :]:
                compare(left, right)
                pairs += 1
        per_pair.append((time.perf_counter() - start) / pairs)
    file_ms = statistics.median(per_file) * 1000
    pair_ms = statistics.median(per_pair) * 1000
    print(f"fingerprints: {file_ms:.2f} ms per file; compare: {pair_ms:.3f} ms per pair")
    for candidates in (10, 50, 200):
        pairs = candidates * (candidates - 1) // 2 + candidates * PACKAGE_FILES
        total = (candidates + PACKAGE_FILES) * file_ms + pairs * pair_ms
        print(f"{candidates:>4} candidates, one problem: {pairs} pairs, about {total / 1000:.2f} s")


if __name__ == "__main__":
    main()
