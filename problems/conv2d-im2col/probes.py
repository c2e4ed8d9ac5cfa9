"""Hooks of the layer profile for conv2d-im2col (trusted; run in the harness), and the
package's own probe: the defaults stride=1, padding=0.

Operations: ``strided`` (stride 2, padding 1) and ``same`` (stride 1, padding 1), each a
forward and a backward (dx, dw, db).
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

CHANNELS, FILTERS, KERNEL = 3, 4, 3
HEIGHT, WIDTH = 7, 6


def _inputs(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    x = rng.normal(size=(n, CHANNELS, HEIGHT, WIDTH))
    w = rng.normal(size=(FILTERS, CHANNELS, KERNEL, KERNEL))
    b = rng.normal(size=FILTERS)
    return {"x": x, "w": w, "b": b}


def _with_upstream(
    values: dict[str, np.ndarray], rng: np.random.Generator, stride: int, padding: int
) -> dict[str, np.ndarray]:
    n = values["x"].shape[0]
    h = (HEIGHT + 2 * padding - KERNEL) // stride + 1
    w = (WIDTH + 2 * padding - KERNEL) // stride + 1
    return {**values, "upstream": rng.normal(size=(n, FILTERS, h, w))}


def strided_inputs(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    return _with_upstream(_inputs(rng, n), rng, 2, 1)


def timing_inputs(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Tiny images (1 channel, 3 x 3, 2 filters, 2 x 2 outputs): almost no work per image,
    so that a loop over the images is what the time is made of."""
    return {
        "x": rng.normal(size=(n, 1, 3, 3)),
        "w": rng.normal(size=(2, 1, KERNEL, KERNEL)),
        "b": rng.normal(size=2),
        "upstream": rng.normal(size=(n, 2, 2, 2)),
    }


def same_inputs(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    return _with_upstream(_inputs(rng, n), rng, 1, 1)


def strided_forward(solution: Any, x: Any, w: Any, b: Any) -> Any:
    return solution.conv2d_forward(x, w, b, stride=2, padding=1)


def same_forward(solution: Any, x: Any, w: Any, b: Any) -> Any:
    return solution.conv2d_forward(x, w, b, stride=1, padding=1)


def _gradients(found: Any) -> dict[str, Any]:
    dx, dw, db = found
    return {"x": dx, "w": dw, "b": db}


def strided_backward(solution: Any, upstream: Any, x: Any, w: Any, b: Any) -> dict[str, Any]:
    return _gradients(solution.conv2d_backward(upstream, x, w, b, stride=2, padding=1))


def same_backward(solution: Any, upstream: Any, x: Any, w: Any, b: Any) -> dict[str, Any]:
    return _gradients(solution.conv2d_backward(upstream, x, w, b, stride=1, padding=1))


@probe(group="defaults", sample=True)
def default_stride_and_padding(ctx: ProbeContext) -> dict[str, Any]:
    values = _inputs(ctx.rng("default_stride_and_padding"), 2)
    solution = ctx.solution
    return {
        "defaults": solution.conv2d_forward(values["x"], values["w"], values["b"]),
        "explicit": solution.conv2d_forward(
            values["x"], values["w"], values["b"], stride=1, padding=0
        ),
    }


def _windows(x: np.ndarray, stride: int, padding: int) -> np.ndarray:
    padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    view = np.lib.stride_tricks.sliding_window_view(padded, (KERNEL, KERNEL), axis=(2, 3))
    return np.asarray(view[:, :, ::stride, ::stride])


def strided_yardstick(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """im2col by fancy indexing, then one product (a strided view's einsum copies more)."""
    stride, padding = 2, 1
    padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (x.shape[2] + 2 * padding - KERNEL) // stride + 1
    wo = (x.shape[3] + 2 * padding - KERNEL) // stride + 1
    channel = np.repeat(np.arange(x.shape[1]), KERNEL * KERNEL)[:, None]
    row = np.tile(np.repeat(np.arange(KERNEL), KERNEL), x.shape[1])[:, None] + stride * np.repeat(
        np.arange(ho), wo
    )
    col = np.tile(np.arange(KERNEL), KERNEL * x.shape[1])[:, None] + stride * np.tile(
        np.arange(wo), ho
    )
    out = np.einsum("fk,nkp->nfp", w.reshape(w.shape[0], -1), padded[:, channel, row, col])
    return np.asarray(out.reshape(x.shape[0], w.shape[0], ho, wo) + b[None, :, None, None])


def strided_backward_yardstick(
    x: np.ndarray, w: np.ndarray, b: np.ndarray, upstream: np.ndarray
) -> list[np.ndarray]:
    """The canonical im2col backward: products, then col2im with np.add.at."""
    stride, padding = 2, 1
    n, channels, h, width = x.shape
    filters = w.shape[0]
    ho, wo = upstream.shape[2:]
    rows = (stride * np.arange(ho))[:, None, None, None] + np.arange(KERNEL)[None, None, :, None]
    cols = (stride * np.arange(wo))[None, :, None, None] + np.arange(KERNEL)[None, None, None, :]
    flat = upstream.reshape(n, filters, ho, wo)
    dw = np.einsum("nchwij,nfhw->fcij", _windows(x, stride, padding), flat)
    dpatches = np.einsum("nfhw,fcij->nchwij", flat, w)
    dx = np.zeros((n, channels, h + 2 * padding, width + 2 * padding))
    np.add.at(dx, (slice(None), slice(None), rows, cols), dpatches)  # type: ignore[arg-type]
    return [dx[:, :, padding:-padding, padding:-padding], dw, upstream.sum(axis=(0, 2, 3))]
