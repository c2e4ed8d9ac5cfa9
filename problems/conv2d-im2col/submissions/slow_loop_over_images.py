import numpy as np


def _indices(
    shape: tuple[int, ...], kh: int, kw: int, stride: int, padding: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int]:
    """Row indices (channel, y, x) of every patch element, for im2col on the padded input."""
    _, C, H, W = shape
    Ho = (H + 2 * padding - kh) // stride + 1
    Wo = (W + 2 * padding - kw) // stride + 1
    i0 = np.tile(np.repeat(np.arange(kh), kw), C)
    j0 = np.tile(np.arange(kw), kh * C)
    i1 = stride * np.repeat(np.arange(Ho), Wo)
    j1 = stride * np.tile(np.arange(Wo), Ho)
    k = np.repeat(np.arange(C), kh * kw)[:, None]
    return k, i0[:, None] + i1[None, :], j0[:, None] + j1[None, :], Ho, Wo


def _pad(x: np.ndarray, padding: int) -> np.ndarray:
    return np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))


def conv2d_forward(
    x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, padding: int = 0
) -> np.ndarray:
    """x (N, C, H, W), w (F, C, KH, KW), b (F,) -> (N, F, H_out, W_out), by im2col."""
    F, _, kh, kw = w.shape
    k, i, j, Ho, Wo = _indices(x.shape, kh, kw, stride, padding)
    padded = _pad(x, padding)
    out = np.empty((x.shape[0], F, Ho * Wo))
    for n in range(x.shape[0]):  # im2col and a product per image
        out[n] = w.reshape(F, -1) @ padded[n][k, i, j] + b[:, None]
    return out.reshape(x.shape[0], F, Ho, Wo)


def conv2d_backward(
    dout: np.ndarray,
    x: np.ndarray,
    w: np.ndarray,
    b: np.ndarray,
    stride: int = 1,
    padding: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gradients (dx, dw, db) of sum(dout * conv2d_forward(x, w, b, stride, padding))."""
    N, C, H, W = x.shape
    F, _, kh, kw = w.shape
    k, i, j, _, _ = _indices(x.shape, kh, kw, stride, padding)
    cols = _pad(x, padding)[:, k, i, j]
    flat = dout.reshape(N, F, -1)
    db = flat.sum(axis=(0, 2))
    dw = np.einsum("nfp,nkp->fk", flat, cols).reshape(w.shape)
    dcols = np.einsum("fk,nfp->nkp", w.reshape(F, -1), flat)
    dx = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    np.add.at(dx, (slice(None), k, i, j), dcols)  # col2im: overlapping patches add up
    return dx[:, :, padding : padding + H, padding : padding + W], dw, db
