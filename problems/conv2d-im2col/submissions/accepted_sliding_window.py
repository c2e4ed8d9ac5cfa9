import numpy as np


def _patches(x, kh, kw, stride, padding):
    padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    view = np.lib.stride_tricks.sliding_window_view(padded, (kh, kw), axis=(2, 3))
    return view[:, :, ::stride, ::stride]  # (N, C, H_out, W_out, KH, KW)


def conv2d_forward(x, w, b, stride=1, padding=0):
    out = np.einsum("nchwij,fcij->nfhw", _patches(x, w.shape[2], w.shape[3], stride, padding), w)
    return out + b[None, :, None, None]


def conv2d_backward(dout, x, w, b, stride=1, padding=0):
    n, c, h, width = x.shape
    kh, kw = w.shape[2:]
    ho, wo = dout.shape[2:]
    dw = np.einsum("nchwij,nfhw->fcij", _patches(x, kh, kw, stride, padding), dout)
    db = dout.sum(axis=(0, 2, 3))
    dx = np.zeros((n, c, h + 2 * padding, width + 2 * padding))
    for i in range(kh):  # one strided slice per kernel offset
        for j in range(kw):
            dx[:, :, i : i + stride * ho : stride, j : j + stride * wo : stride] += np.einsum(
                "nfhw,fc->nchw", dout, w[:, :, i, j]
            )
    return dx[:, :, padding : padding + h, padding : padding + width], dw, db
