"""Activation functions and their derivatives, checked against SciPy and finite differences.

Run from any folder:

    python docs_src/ml_breadth/deep_learning_activations.py

Checks: every hand-written derivative against central finite differences; sigmoid, GELU and
softmax against scipy.special; the softmax Jacobian diag(p) - p p^T; the peak slopes that
explain saturation; and the two output-layer losses (softmax cross-entropy for exclusive
classes, per-label binary cross-entropy for multi-label) against sklearn.metrics.log_loss.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import expit, ndtr, softmax
from sklearn.metrics import log_loss

Array = np.ndarray
SQRT_2PI = np.sqrt(2 * np.pi)


# --8<-- [start:activations]
def sigmoid(z: Array) -> Array:
    """1 / (1 + exp(-z)), written so exp never overflows for large |z|."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def gauss_cdf(z: Array) -> Array:
    """Standard normal CDF Phi(z) = (1 + erf(z / sqrt 2)) / 2, with the standard library's erf."""
    return 0.5 * (1 + np.vectorize(math.erf)(z / np.sqrt(2)))


ACTIVATIONS = {
    # name: (f(z), f'(z))
    "sigmoid": (sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z))),
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
    "leaky_relu": (lambda z: np.where(z > 0, z, 0.01 * z),
                   lambda z: np.where(z > 0, 1.0, 0.01)),
    "elu": (lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0))),   # alpha = 1
            lambda z: np.where(z > 0, 1.0, np.exp(np.minimum(z, 0)))),
    "gelu": (lambda z: z * gauss_cdf(z),                                 # exact, erf-based
             lambda z: gauss_cdf(z) + z * np.exp(-z**2 / 2) / SQRT_2PI),
    "silu": (lambda z: z * sigmoid(z),                                   # Swish with beta = 1
             lambda z: sigmoid(z) * (1 + z * (1 - sigmoid(z)))),
}


def gelu_tanh(z: Array) -> Array:
    """The tanh approximation of GELU used by BERT and GPT-2."""
    return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)))


def softmax_rows(Z: Array) -> Array:
    """Row-wise softmax; subtracting the row max avoids overflow and changes nothing else."""
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)


def softmax_jacobian(p: Array) -> Array:
    """d p_i / d z_j = p_i (1[i = j] - p_j) = diag(p) - p p^T."""
    return np.diag(p) - np.outer(p, p)
# --8<-- [end:activations]


# --8<-- [start:outputs]
def softmax_cross_entropy(Z: Array, y: Array) -> float:
    """Mutually exclusive classes: one softmax over K logits, y holds one class index per row."""
    logp = Z - Z.max(axis=1, keepdims=True)
    logp = logp - np.log(np.exp(logp).sum(axis=1, keepdims=True))
    return float(-np.mean(logp[np.arange(len(y)), y]))


def multilabel_bce(Z: Array, Y: Array) -> Array:
    """Independent labels: one sigmoid per logit, binary cross-entropy per label (column)."""
    # log sigmoid(z) = -softplus(-z), computed stably with logaddexp.
    log_p = -np.logaddexp(0, -Z)
    log_1mp = -np.logaddexp(0, Z)
    return -np.mean(Y * log_p + (1 - Y) * log_1mp, axis=0)
# --8<-- [end:outputs]


def central_diff(f, z: Array, h: float = 1e-6) -> Array:
    return (f(z + h) - f(z - h)) / (2 * h)


def main() -> None:
    rng = np.random.default_rng(0)
    # --8<-- [start:check]
    z = np.linspace(-6, 6, 241)
    z = z[np.abs(z) > 1e-3]                       # skip the kink at 0 (ReLU family)
    for name, (f, df) in ACTIVATIONS.items():
        err = np.max(np.abs(df(z) - central_diff(f, z)))
        assert err < 1e-7, name
    assert np.allclose(sigmoid(z), expit(z), rtol=1e-15, atol=0)
    assert np.allclose(ACTIVATIONS["gelu"][0](z), z * ndtr(z), atol=1e-14)
    assert np.allclose(np.tanh(z), 2 * sigmoid(2 * z) - 1, atol=1e-15)  # tanh is a scaled sigmoid
    gap = np.max(np.abs(gelu_tanh(z) - z * ndtr(z)))
    assert gap < 1e-3
    print(f"7 derivatives match finite differences to 1e-7; tanh-GELU within {gap:.1e} of GELU")

    # Saturation: the sigmoid's slope never exceeds 1/4, and is tiny away from 0.
    d_sig, d_tanh = ACTIVATIONS["sigmoid"][1], ACTIVATIONS["tanh"][1]
    assert d_sig(np.array(0.0)) == 0.25 and d_tanh(np.array(0.0)) == 1.0
    print(f"sigmoid'(0) = 0.25, sigmoid'(5) = {d_sig(np.array(5.0)):.4f}, "
          f"sigmoid'(10) = {d_sig(np.array(10.0)):.1e}; tanh'(0) = 1")
    assert d_sig(np.array(10.0)) < 5e-5
    # GELU and SiLU dip below zero: both are non-monotonic.
    for name in ("gelu", "silu"):
        f = ACTIVATIONS[name][0]
        res = minimize_scalar(lambda t: float(f(np.array(t))), bounds=(-3, 0), method="bounded")
        print(f"{name} minimum {res.fun:.4f} at z = {res.x:.3f}")
        assert -0.3 < res.fun < -0.16
    # --8<-- [end:check]

    # Softmax against SciPy, its Jacobian against finite differences.
    Z = rng.normal(size=(4, 5)) * 3
    assert np.allclose(softmax_rows(Z), softmax(Z, axis=1), atol=1e-15)
    zc = Z[0]
    p = softmax_rows(zc)
    J_num = np.column_stack([central_diff(lambda t: softmax_rows(zc + t * e), 0.0)
                             for e in np.eye(len(zc))])
    assert np.allclose(softmax_jacobian(p), J_num, atol=1e-9)
    assert np.allclose(softmax_jacobian(p).sum(axis=0), 0, atol=1e-15)  # outputs sum to 1
    assert np.allclose(softmax_rows(zc + 100.0), p)  # shift invariance: only differences matter

    # --8<-- [start:check-outputs]
    n_samples, n_classes = 200, 4
    Z = rng.normal(size=(n_samples, n_classes)) * 2
    y = rng.integers(0, n_classes, size=n_samples)          # exactly one class per example
    Y = (rng.random((n_samples, n_classes)) < 0.3).astype(int)  # any subset of labels
    P_soft = softmax_rows(Z)
    P_sig = sigmoid(Z)
    assert np.isclose(softmax_cross_entropy(Z, y), log_loss(y, P_soft), rtol=1e-12)
    per_label = multilabel_bce(Z, Y)
    for k in range(n_classes):
        assert np.isclose(per_label[k], log_loss(Y[:, k], P_sig[:, k]), rtol=1e-12)
    assert np.allclose(P_soft.sum(axis=1), 1)               # softmax: classes compete
    print(f"softmax rows sum to 1; sigmoid rows sum to between "
          f"{P_sig.sum(axis=1).min():.2f} and {P_sig.sum(axis=1).max():.2f}")
    print("both output losses match sklearn.metrics.log_loss to 1e-12")
    # --8<-- [end:check-outputs]


if __name__ == "__main__":
    main()
