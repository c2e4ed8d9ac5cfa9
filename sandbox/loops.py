"""Static scans of a candidate's source for Python loops: hints for a failed timing and
for authors' own vectorization checks, never a verdict on their own (the timing decides)."""

from __future__ import annotations

import ast
from collections.abc import Iterable


def _names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _is_sample_count(node: ast.AST, arrays: set[str], counts: set[str]) -> bool:
    """``len(X)``, ``X.shape[0]``, ``np.size(X, 0)`` or a name bound to one of them."""
    if isinstance(node, ast.Name):
        return node.id in counts
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len":
        return bool(node.args) and bool(_names_in(node.args[0]) & arrays)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute):
        index = node.slice
        return (
            node.value.attr == "shape"
            and isinstance(index, ast.Constant)
            and index.value == 0
            and bool(_names_in(node.value.value) & arrays)
        )
    if isinstance(node, ast.BinOp):
        return _is_sample_count(node.left, arrays, counts) or _is_sample_count(
            node.right, arrays, counts
        )
    return False


def _iterates_samples(iterable: ast.AST, arrays: set[str], counts: set[str]) -> bool:
    if isinstance(iterable, ast.Name):
        return iterable.id in arrays
    if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name):
        if iterable.func.id == "range":
            return any(_is_sample_count(arg, arrays, counts) for arg in iterable.args)
        if iterable.func.id in {"enumerate", "zip", "reversed", "list", "iter"}:
            return any(_iterates_samples(arg, arrays, counts) for arg in iterable.args)
    if isinstance(iterable, ast.Subscript):
        return _iterates_samples(iterable.value, arrays, counts)
    return False


def _sample_names(function: ast.FunctionDef) -> tuple[set[str], set[str]]:
    """Names holding per-sample arrays, and names holding the number of samples.

    Every argument but ``self`` is taken to be a per-sample array, and so is arithmetic on
    one (``errors = X @ w - y``); ``n = X.shape[0]`` and ``n, d = X.shape`` bind sample
    counts. Rows picked by indexing and results of calls are not assumed per-sample.
    """
    arrays = {a.arg for a in function.args.args[1:] + function.args.kwonlyargs}
    counts: set[str] = set()
    for _ in range(3):  # propagate through chains of assignments
        for node in ast.walk(function):
            if not isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            if value is None:
                continue
            for target in targets:
                if isinstance(target, ast.Tuple) and isinstance(value, ast.Attribute):
                    if value.attr == "shape" and _names_in(value.value) & arrays:
                        first = target.elts[0] if target.elts else None
                        if isinstance(first, ast.Name):
                            counts.add(first.id)
                    continue
                if not isinstance(target, ast.Name):
                    continue
                if _is_sample_count(value, arrays, counts):
                    counts.add(target.id)
                elif _names_in(value) & arrays and not isinstance(
                    value, ast.Attribute | ast.Subscript | ast.Call
                ):
                    # Selected rows (X[idx]: centres, a batch) and results of calls are not
                    # assumed to be per-sample; arithmetic on per-sample arrays is.
                    arrays.add(target.id)
    return arrays, counts


def _method_sample_loops(method: ast.FunctionDef) -> list[tuple[int, str]]:
    arrays, counts = _sample_names(method)
    findings: list[tuple[int, str]] = []
    for inner in ast.walk(method):
        line = getattr(inner, "lineno", 0)
        if isinstance(inner, ast.For) and _iterates_samples(inner.iter, arrays, counts):
            findings.append((line, f"{method.name}() loops over samples"))
        elif isinstance(inner, ast.comprehension) and _iterates_samples(inner.iter, arrays, counts):
            findings.append(
                (inner.iter.lineno, f"{method.name}() iterates over samples in a comprehension")
            )
        elif isinstance(inner, ast.While) and any(
            _is_sample_count(n, arrays, counts) for n in ast.walk(inner.test)
        ):
            findings.append((line, f"{method.name}() loops over samples"))
    return findings


LOOPING_CALLS = frozenset(
    {"map", "filter", "reduce", "vectorize", "apply_along_axis", "frompyfunc"}
)


def loop_hints(tree: ast.Module, class_name: str, method: str) -> list[str]:
    """Every Python-level loop that ``method`` of ``class_name`` (or the top-level function
    ``method`` when the class has none of that name) may run: ``for``/``while``,
    comprehensions and generators, ``map``/``reduce``/``np.vectorize``/``apply_along_axis``
    and recursion, in the method and in the methods and functions it calls (base classes
    included), except loops over ``range(self.<hyperparameter>)``. A hint for a candidate
    whose timing failed, never a verdict: the timing decides."""
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    methods: dict[str, ast.FunctionDef] = {}
    pending = [class_name]
    while pending:
        node = classes.get(pending.pop())
        if node is None:
            continue
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                methods.setdefault(item.name, item)
        pending += [b.id for b in node.bases if isinstance(b, ast.Name)]
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    start = methods.get(method) or functions.get(method)
    queue: list[tuple[str, ast.FunctionDef | None]] = [(method, start)]
    while queue:
        name, function = queue.pop()
        if function is None or name in seen:
            continue
        seen.add(name)
        for inner in ast.walk(function):
            line = getattr(inner, "lineno", function.lineno)
            if isinstance(inner, ast.For | ast.While) and not _over_hyperparameter(inner):
                found.append((line, f"a loop in {name}()"))
            elif isinstance(inner, ast.comprehension):
                found.append((inner.iter.lineno, f"a comprehension or generator in {name}()"))
            elif isinstance(inner, ast.Call):
                called = _called_name(inner.func)
                if called in LOOPING_CALLS:
                    found.append((line, f"{called}() in {name}() loops in Python"))
                if called == name:
                    found.append((line, f"{name}() calls itself (recursion)"))
                elif isinstance(inner.func, ast.Attribute) and called in methods:
                    queue.append((called, methods[called]))
                elif isinstance(inner.func, ast.Name) and called in functions:
                    queue.append((called, functions[called]))
    return [f"line {line}: {text}" for line, text in sorted(set(found))]


def _called_name(function: ast.expr) -> str:
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def _over_hyperparameter(loop: ast.For | ast.While) -> bool:
    """``for _ in range(self.n_iterations)`` and the like: loops over iterations, not data."""
    if not isinstance(loop, ast.For) or not isinstance(loop.iter, ast.Call):
        return False
    if _called_name(loop.iter.func) not in {"range", "enumerate"} or not loop.iter.args:
        return False
    return all(
        isinstance(arg, ast.Constant)
        or (
            isinstance(arg, ast.Attribute)
            and isinstance(arg.value, ast.Name)
            and arg.value.id == "self"
        )
        for arg in loop.iter.args
    )


def find_sample_loops(tree: ast.Module, class_name: str, methods: Iterable[str]) -> list[str]:
    """Python loops over samples inside the given methods of ``class_name``.

    Flags ``for``/``while`` loops and comprehensions whose iteration runs over the sample
    dimension of the method's array arguments (``for x in X``, ``range(len(X))``,
    ``range(n_samples)``, ``while i < X.shape[0]``). Loops over iterations, clusters or
    features are allowed. Returns one human-readable finding per loop.
    """
    wanted = set(methods)
    findings: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.ClassDef) and node.name == class_name):
            continue
        for method in node.body:
            if not (isinstance(method, ast.FunctionDef) and method.name in wanted):
                continue
            try:
                findings += _method_sample_loops(method)
            except RecursionError:  # too deep to follow: fail closed
                findings.append((method.lineno, f"{method.name}() is nested too deeply to analyse"))
    return [f"line {line}: {text}" for line, text in sorted(findings)]
