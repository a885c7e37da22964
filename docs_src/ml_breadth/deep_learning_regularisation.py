"""Inverted dropout and label smoothing, checked against their defining properties.

Run from any folder:

    python docs_src/ml_breadth/deep_learning_regularisation.py

Checks: inverted dropout keeps the expected activation unchanged and is the identity at
inference; its variance matches x^2 p / (1 - p); label-smoothed cross-entropy equals the mix
(1 - eps) * CE + eps * (uniform CE); its minimiser, found by scipy.optimize.minimize, is the
smoothed target, with the finite logit gap log((1 - eps + eps/K) / (eps/K)).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.special import log_softmax

Array = np.ndarray


# --8<-- [start:dropout]
def dropout(x: Array, p: float, training: bool, rng: np.random.Generator) -> Array:
    """Inverted dropout: zero each unit with probability p, scale survivors by 1 / (1 - p)."""
    if not training or p == 0.0:
        return x                                  # inference: nothing to undo
    keep = rng.random(x.shape) >= p
    return x * keep / (1.0 - p)
# --8<-- [end:dropout]


# --8<-- [start:label-smoothing]
def smooth_targets(y: Array, n_classes: int, eps: float) -> Array:
    """(1 - eps) * one-hot + eps / K: the true class keeps 1 - eps + eps / K."""
    return (1 - eps) * np.eye(n_classes)[y] + eps / n_classes


def smoothed_cross_entropy(Z: Array, y: Array, eps: float) -> float:
    """Mean cross-entropy between smoothed targets and softmax(Z)."""
    Q = smooth_targets(y, Z.shape[1], eps)
    return float(-np.mean(np.sum(Q * log_softmax(Z, axis=1), axis=1)))
# --8<-- [end:label-smoothing]


def main() -> None:
    rng = np.random.default_rng(0)
    # --8<-- [start:check]
    x = rng.normal(size=8)
    p = 0.3
    samples = np.stack([dropout(x, p, True, rng) for _ in range(200_000)])
    assert np.allclose(samples.mean(axis=0), x, atol=0.01)          # E[output] = x
    assert np.allclose(samples.var(axis=0), x**2 * p / (1 - p), rtol=0.03)
    assert np.isclose((samples == 0).mean(), p, atol=0.002)
    assert np.array_equal(dropout(x, p, False, rng), x)              # identity at inference
    print(f"inverted dropout p={p}: mean preserved to 0.01, variance x^2 p/(1-p), "
          "identity at inference")

    n_classes, eps = 10, 0.1
    Z = rng.normal(size=(5, n_classes))
    y = rng.integers(0, n_classes, size=5)
    logp = log_softmax(Z, axis=1)
    mix = (1 - eps) * -logp[np.arange(5), y].mean() + eps * -logp.mean()
    assert np.isclose(smoothed_cross_entropy(Z, y, eps), mix, rtol=1e-12)

    # The optimum is finite: logits stop growing once softmax(z) equals the smoothed target.
    res = minimize(lambda z: smoothed_cross_entropy(z[None, :], np.array([0]), eps),
                   np.zeros(n_classes), method="BFGS", options={"gtol": 1e-10})
    q = smooth_targets(np.array([0]), n_classes, eps)[0]
    gap = np.log((1 - eps + eps / n_classes) / (eps / n_classes))
    assert np.allclose(np.exp(log_softmax(res.x)), q, atol=1e-6)
    assert np.isclose(res.x[0] - res.x[1:].mean(), gap, atol=1e-4)
    print(f"label smoothing eps={eps}, K={n_classes}: optimal softmax = smoothed target "
          f"(true class {q[0]:.2f}), logit gap {gap:.3f} = log(91)")
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
