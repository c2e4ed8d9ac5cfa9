import numpy as np


def _out_size(size, kernel, stride, padding):
    return (size + 2 * padding - kernel) // stride + 1


def _padded(x, padding):
    return np.pad(x, [(0, 0), (0, 0), (padding, padding), (padding, padding)], mode="constant")


def conv2d_forward(x, w, b, stride=1, padding=0):
    # One strided slice per kernel offset (KH * KW of them), stacked: im2col by offsets.
    f, c, kh, kw = w.shape
    ho = _out_size(x.shape[2], kh, stride, padding)
    wo = _out_size(x.shape[3], kw, stride, padding)
    xp = _padded(x, padding)
    cols = np.stack(
        [
            xp[:, :, p : p + stride * ho : stride, q : q + stride * wo : stride]
            for p in range(kh)
            for q in range(kw)
        ],
        axis=2,
    )  # (N, C, KH*KW, H_out, W_out)
    out = np.tensordot(cols, w.reshape(f, c, kh * kw), axes=([1, 2], [1, 2]))
    return out.transpose(0, 3, 1, 2) + b.reshape(1, f, 1, 1)


def conv2d_backward(dout, x, w, b, stride=1, padding=0):
    f, c, kh, kw = w.shape
    n, _, h, width = x.shape
    ho, wo = dout.shape[2], dout.shape[3]
    xp = _padded(x, padding)
    dxp = np.zeros_like(xp)
    dw = np.empty_like(w)
    for p in range(kh):
        for q in range(kw):
            window = (
                slice(None),
                slice(None),
                slice(p, p + stride * ho, stride),
                slice(q, q + stride * wo, stride),
            )
            dw[:, :, p, q] = np.tensordot(dout, xp[window], axes=([0, 2, 3], [0, 2, 3]))
            dxp[window] += np.tensordot(dout, w[:, :, p, q], axes=([1], [0])).transpose(0, 3, 1, 2)
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, padding : padding + h, padding : padding + width], dw, db
