"""Cheat-sheet code: convolution and recurrent shape arithmetic, parameter counts and
scaled dot-product attention in NumPy, each checked with asserts.

Run from the repository root:

    .venv/bin/python docs_src/cheatsheets/deep-learning.py

Checks: the output-size formula against a brute-force convolution; the parameter formulas
against the published totals of VGG-16 (138,357,544) and GPT-2 small (124,439,808);
attention shapes, rows of the weights summing to 1, the causal mask and a loop reference.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy.special import softmax

Array = np.ndarray


# --8<-- [start:shapes]
def conv_out(w: int, k: int, p=0, s=1) -> int:
    """Output width of a conv or pooling layer."""
    return (w - k + 2 * p) // s + 1


def conv_params(k: int, c_in: int, c_out: int) -> int:
    """C_out filters of K*K*C_in weights + biases."""
    return k * k * c_in * c_out + c_out


assert conv_out(227, k=11, s=4) == 55  # AlexNet conv1
assert conv_out(224, k=7, p=3, s=2) == 112  # ResNet
assert conv_out(224, k=3, p=1) == 224  # VGG: same size
assert conv_params(3, 64, 128) == 73_856
D, H = 64, 128  # LSTM: 4 gates, W (H, D + H), b (H,)
assert 4 * H * (D + H + 1) == 98_816
# --8<-- [end:shapes]


def conv2d_naive(x: Array, w: Array, p: int, s: int) -> Array:
    """Brute-force cross-correlation: x (C_in, H, W), w (C_out, C_in, K, K)."""
    x = np.pad(x, ((0, 0), (p, p), (p, p)))
    k = w.shape[-1]
    windows = sliding_window_view(x, (k, k), axis=(1, 2))[:, ::s, ::s]  # (C_in, Ho, Wo, K, K)
    return np.einsum("chwij,ocij->ohw", windows, w)


rng = np.random.default_rng(0)
for size, k, p, s in [(13, 3, 1, 1), (13, 3, 0, 2), (12, 5, 2, 3), (9, 4, 1, 2), (7, 7, 0, 1)]:
    out = conv2d_naive(rng.normal(size=(2, size, size)), rng.normal(size=(3, 2, k, k)), p, s)
    assert out.shape == (3, conv_out(size, k, p, s), conv_out(size, k, p, s))

# VGG-16: 13 3x3 convolutions ("M" = 2x2 max pool), then three fully connected layers.
vgg16 = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]
c_in, side, total = 3, 224, 0
for layer in vgg16:
    if layer == "M":
        side = conv_out(side, k=2, s=2)
    else:
        total += conv_params(3, c_in, layer)
        side, c_in = conv_out(side, k=3, p=1), layer
assert side == 7
for n_in, n_out in [(512 * 7 * 7, 4096), (4096, 4096), (4096, 1000)]:
    total += n_in * n_out + n_out  # a fully connected layer is a conv with K = input size
assert total == 138_357_544

# GPT-2 small: per layer 12 d^2 weights plus biases and two layer norms.
d, n_layers, vocab, n_pos = 768, 12, 50_257, 1_024
per_layer = 12 * d * d + 13 * d  # biases 4d (attention) + 5d (FFN), layer norms 4d
assert n_layers * 12 * d * d == 84_934_656  # the 12 d^2 rule alone: 85M of the 124M
assert n_layers * per_layer + (vocab + n_pos) * d + 2 * d == 124_439_808

# GRU in the single-bias form: 3 blocks instead of the LSTM's 4.
assert 3 * H * (D + H + 1) == 74_112


# --8<-- [start:attention]
def attention(Q: Array, K: Array, V: Array,
              mask: Array | None = None):
    """softmax(Q K^T / sqrt(d_k)) V; mask True = keep"""
    d_k = Q.shape[-1]
    scores = Q @ K.swapaxes(-1, -2) / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    return weights @ V, weights


B, h, n, d_k, d_v = 2, 4, 6, 8, 16  # h heads, n tokens
Q, K = rng.normal(size=(2, B, h, n, d_k))
V = rng.normal(size=(B, h, n, d_v))
out, A = attention(Q, K, V)
assert out.shape == (B, h, n, d_v)
assert A.shape == (B, h, n, n)
assert np.allclose(A.sum(axis=-1), 1)
causal = np.tril(np.ones((n, n), dtype=bool))  # j <= i
out, A = attention(Q, K, V, mask=causal)
assert np.all(A[..., ~causal] == 0)
assert np.allclose(out[..., 0, :], V[..., 0, :])
# --8<-- [end:attention]

# Reference: one query at a time with SciPy's softmax and the causal mask as a slice.
for i in range(n):
    w_ref = softmax(Q[..., i, None, :] @ K[..., : i + 1, :].swapaxes(-1, -2) / np.sqrt(d_k), axis=-1)
    assert np.allclose(out[..., i, :], (w_ref @ V[..., : i + 1, :])[..., 0, :])

# Why divide by sqrt(d_k): for unit-variance q and k, q . k has variance d_k.
q, k = rng.normal(size=(2, 20_000, 64))
assert abs(np.var(np.sum(q * k, axis=1)) / 64 - 1) < 0.05  # ~5 standard errors

print("deep-learning: all checks passed")
