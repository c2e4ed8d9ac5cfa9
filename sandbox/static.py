"""What the trusted side learns from the source alone, before anything runs."""

from __future__ import annotations

import ast
import dataclasses

from sandbox.verdict import Verdict

MAX_SOURCE_BYTES = 64 * 1024

# Pure-computation standard modules a from-scratch solution may reasonably use. Anything
# else (os, sys, subprocess, ctypes, socket, …) has no business in a NumPy model.
ALLOWED_MODULES = frozenset(
    {
        "numpy",
        "__future__",
        "abc",
        "bisect",
        "collections",
        "copy",
        "dataclasses",
        "enum",
        "functools",
        "heapq",
        "itertools",
        "math",
        "numbers",
        "operator",
        "random",
        "statistics",
        "typing",
        "warnings",
    }
)


@dataclasses.dataclass(frozen=True)
class Precheck:
    """The outcome of reading the source: a blocking verdict, or a parsed tree."""

    tree: ast.Module | None
    verdict: Verdict | None = None
    message: str = ""
    missing_methods: tuple[str, ...] = ()


def allowed_modules_text() -> str:
    return ", ".join(sorted(ALLOWED_MODULES - {"numpy", "__future__"}))


def forbidden_imports(tree: ast.Module) -> list[str]:
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                problems.append(f"line {node.lineno}: relative imports are not available")
                continue
            names = [node.module or ""]
        else:
            continue
        for name in names:
            if name.split(".")[0] not in ALLOWED_MODULES:
                problems.append(f"line {node.lineno}: 'import {name}' is not allowed")
    return problems


def class_methods(tree: ast.Module, class_name: str) -> set[str] | None:
    """Methods of a top-level class, including those of base classes defined in the file."""
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    if class_name not in classes:
        return None
    methods: set[str] = set()
    pending, seen = [class_name], set()
    while pending:
        name = pending.pop()
        if name in seen or name not in classes:
            continue
        seen.add(name)
        node = classes[name]
        methods |= {
            n.name for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        methods |= {
            t.id
            for n in node.body
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        pending += [b.id for b in node.bases if isinstance(b, ast.Name)]
    return methods


def top_level_functions(tree: ast.Module) -> set[str]:
    """Functions defined (or assigned) at the top level of a module."""
    found = {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    return found | {
        t.id
        for n in tree.body
        if isinstance(n, ast.Assign)
        for t in n.targets
        if isinstance(t, ast.Name)
    }


def precheck(
    source: str, class_name: str, methods: tuple[str, ...], functions: tuple[str, ...] = ()
) -> Precheck:
    """Parse the source and check imports and the interface the statement names: a class
    and its methods, and/or top-level functions (``class_name`` "" for none)."""
    if len(source.encode("utf-8", "surrogatepass")) > MAX_SOURCE_BYTES:
        return Precheck(
            None, Verdict.SYNTAX_ERROR, f"the code is larger than {MAX_SOURCE_BYTES // 1024} KiB"
        )
    try:
        tree = ast.parse(source, filename="solution.py")
    except SyntaxError as error:
        return Precheck(
            None,
            Verdict.SYNTAX_ERROR,
            f"line {error.lineno}, column {error.offset}: {error.msg}",
        )
    except (ValueError, RecursionError, MemoryError) as error:
        return Precheck(None, Verdict.SYNTAX_ERROR, f"the code cannot be parsed: {error}")
    forbidden = forbidden_imports(tree)
    if forbidden:
        return Precheck(
            tree,
            Verdict.FORBIDDEN_IMPORT,
            "; ".join(forbidden)
            + f". Only numpy and these standard modules are available: {allowed_modules_text()}",
        )
    missing_functions = tuple(f for f in functions if f not in top_level_functions(tree))
    if missing_functions:
        return Precheck(
            tree,
            Verdict.MISSING_INTERFACE,
            "no top-level function"
            + ("s " if len(missing_functions) > 1 else " ")
            + ", ".join(f"{f}()" for f in missing_functions)
            + ": define them as the statement says",
            missing_functions,
        )
    if not class_name:
        return Precheck(tree)
    found = class_methods(tree, class_name)
    if found is None:
        return Precheck(
            tree,
            Verdict.MISSING_INTERFACE,
            f"no top-level class named {class_name}: define `class {class_name}:` as the "
            "statement says",
        )
    missing = tuple(m for m in methods if m not in found)
    if missing:
        return Precheck(
            tree,
            Verdict.MISSING_INTERFACE,
            f"{class_name} has no method{'s' if len(missing) > 1 else ''} "
            + ", ".join(f"{m}()" for m in missing),
            missing,
        )
    return Precheck(tree)
