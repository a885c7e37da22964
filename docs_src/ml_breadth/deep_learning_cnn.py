"""Convolution layers from scratch: output size, parameters, receptive field, equivariance.

Run from any folder:

    python docs_src/ml_breadth/deep_learning_cnn.py

Checks: a loop convolution equals scipy.signal.correlate2d (deep-learning "convolution" is
cross-correlation) and equals scipy.signal.convolve2d only after flipping the kernel; output
shapes equal the size formula for many (n, k, s, p, d); a 1x1 convolution is a matrix product
over channels; shifting the input shifts the output; the receptive-field recursion agrees with
a brute-force count of the inputs that influence one output; depthwise-separable parameter
counts.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.signal import convolve2d, correlate2d

Array = np.ndarray


# --8<-- [start:formulas]
def conv_out(n: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> int:
    """Output length: floor((n + 2p - d(k - 1) - 1) / s) + 1 (the PyTorch formula)."""
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def conv_params(k: int, c_in: int, c_out: int, bias: bool = True) -> int:
    """c_out filters, each k x k x c_in, plus one bias per filter."""
    return k * k * c_in * c_out + (c_out if bias else 0)


def receptive_field(layers: list[tuple[int, int, int]]) -> int:
    """Layers as (k, s, d); each adds (k - 1) * d input steps times the product of earlier strides."""
    r, jump = 1, 1
    for k, s, d in layers:
        r += (k - 1) * d * jump
        jump *= s
    return r


def separable_params(k: int, c_in: int, c_out: int) -> int:
    """Depthwise k x k (one filter per input channel) then pointwise 1 x 1; biases omitted."""
    return k * k * c_in + c_in * c_out
# --8<-- [end:formulas]


# --8<-- [start:conv2d]
def conv2d(x: Array, w: Array, b: Array, s: int = 1, p: int = 0, d: int = 1) -> Array:
    """x (c_in, H, W), w (c_out, c_in, k, k), b (c_out,) -> (c_out, H_out, W_out).

    Cross-correlation, as in every deep-learning library: the kernel is not flipped.
    """
    c_out, c_in, k, _ = w.shape
    x = np.pad(x, ((0, 0), (p, p), (p, p)))
    H_out, W_out = conv_out(x.shape[1], k, s, 0, d), conv_out(x.shape[2], k, s, 0, d)
    out = np.empty((c_out, H_out, W_out))
    span = d * (k - 1) + 1                         # extent of a dilated kernel
    for i in range(H_out):
        for j in range(W_out):
            patch = x[:, i * s:i * s + span:d, j * s:j * s + span:d]   # (c_in, k, k)
            out[:, i, j] = np.tensordot(w, patch, axes=3) + b          # sum over c_in, k, k
    return out
# --8<-- [end:conv2d]


def main() -> None:
    rng = np.random.default_rng(0)
    # --8<-- [start:check]
    img, ker = rng.normal(size=(9, 11)), rng.normal(size=(3, 3))
    ours = conv2d(img[None], ker[None, None], np.zeros(1))[0]
    assert np.allclose(ours, correlate2d(img, ker, mode="valid"), atol=1e-12)
    assert not np.allclose(ours, convolve2d(img, ker, mode="valid"))
    assert np.allclose(ours, convolve2d(img, ker[::-1, ::-1], mode="valid"), atol=1e-12)

    x, w, b = rng.normal(size=(3, 10, 10)), rng.normal(size=(4, 3, 3, 3)), rng.normal(size=4)
    ref = np.stack([sum(correlate2d(x[c], w[o, c], mode="valid") for c in range(3)) + b[o]
                    for o in range(4)])
    assert np.allclose(conv2d(x, w, b), ref, atol=1e-12)   # channels are summed, then bias added

    n_checked = 0
    for n, k, s, p, d in itertools.product([7, 12, 15], [1, 2, 3, 5], [1, 2, 3], [0, 1, 2], [1, 2]):
        if conv_out(n, k, s, p, d) < 1:
            continue
        out = conv2d(rng.normal(size=(2, n, n)), rng.normal(size=(3, 2, k, k)), np.zeros(3), s, p, d)
        assert out.shape == (3, conv_out(n, k, s, p, d), conv_out(n, k, s, p, d))
        n_checked += 1
    print(f"loop conv = correlate2d (convolve2d needs a flipped kernel); {n_checked} shapes match")

    # A 1x1 convolution is one matrix product over the channel axis at every pixel.
    w1 = rng.normal(size=(5, 3, 1, 1))
    assert np.allclose(conv2d(x, w1, np.zeros(5)), np.einsum("oc,chw->ohw", w1[:, :, 0, 0], x))

    # Translation equivariance (stride 1): shift the input, the output shifts the same way.
    big = np.zeros((1, 20, 20))
    big[0, 3:9, 4:8] = rng.normal(size=(6, 4))
    shifted = np.roll(big, (5, 6), axis=(1, 2))
    y0, y1 = conv2d(big, w[:, :1], b), conv2d(shifted, w[:, :1], b)
    assert np.allclose(np.roll(y0, (5, 6), axis=(1, 2)), y1)
    print("1x1 conv = per-pixel matrix product; shifting the input by (5, 6) shifts the output")
    # --8<-- [end:check]

    # --8<-- [start:check-rf]
    # Brute force in 1-D: which inputs change the middle output of a stack of convolutions?
    stack = [(3, 1, 1), (3, 2, 1), (3, 1, 2), (5, 2, 1)]      # (k, s, d)

    def forward_1d(v: Array) -> Array:
        for k, s, d in stack:
            span = d * (k - 1) + 1
            v = np.array([v[i:i + span:d].sum() for i in range(0, len(v) - span + 1, s)])
        return v

    n = 101
    out_len = len(forward_1d(np.zeros(n)))
    touched = [i for i in range(n) if forward_1d(np.eye(n)[i])[out_len // 2] != 0]
    assert len(touched) == touched[-1] - touched[0] + 1 == receptive_field(stack)
    assert receptive_field([(3, 1, 1)] * 2) == 5 and receptive_field([(3, 1, 1)] * 3) == 7
    print(f"receptive field of the stack: {receptive_field(stack)} (brute force agrees); "
          "two 3x3 layers see 5x5, three see 7x7")

    # Parameters: three 3x3 layers vs one 7x7 layer, and a depthwise-separable 3x3.
    C = 256
    assert 3 * conv_params(3, C, C, bias=False) == 27 * C * C < conv_params(7, C, C, bias=False)
    full, sep = conv_params(3, C, C, bias=False), separable_params(3, C, C)
    assert np.isclose(sep / full, 1 / C + 1 / 9)
    print(f"3x3 conv {C}->{C}: {full:,} weights; depthwise-separable {sep:,} "
          f"({sep / full:.3f} = 1/c_out + 1/k^2)")
    # --8<-- [end:check-rf]


if __name__ == "__main__":
    main()
