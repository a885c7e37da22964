"""Cheat-sheet code: Adam from scratch, checked by hand and against numpy.linalg.lstsq;
plain GD converges below the 2 / lambda_max threshold and diverges above it.

Run from the repository root:

    .venv/bin/python docs_src/cheatsheets/losses-and-optimizers.py
"""

from __future__ import annotations

import numpy as np

Array = np.ndarray


# --8<-- [start:adam]
def adam_step(w: Array, g: Array, m: Array,
              v: Array, t: int, lr: float = 1e-3,
              b1=0.9, b2=0.999, eps=1e-8):
    """One Adam update; t counts from 1."""
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    m_hat = m / (1 - b1**t)  # undo the pull to 0
    v_hat = v / (1 - b2**t)
    w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w, m, v


# By hand: m_hat = g, v_hat = g**2 at t = 1, so
# each weight moves by lr against sign(g).
g, z = np.array([0.5, -2.0]), np.zeros(2)
w1, m1, v1 = adam_step(z, g, z, z, t=1)
assert np.allclose(m1, [0.05, -0.2])
assert np.allclose(v1, [0.00025, 0.004])
assert np.allclose(w1, [-1e-3, 1e-3], rtol=1e-6)
# --8<-- [end:adam]

# Without bias correction the first step would be lr * 0.1 / sqrt(0.001), about 3.16 * lr.
assert np.isclose(1e-3 * 0.1 / np.sqrt(1e-3), 3.162e-3, rtol=1e-3)


# --8<-- [start:lstsq]
rng = np.random.default_rng(0)
X = rng.normal(size=(200, 3))
w_true = np.array([1.5, -2.0, 0.5])
y = X @ w_true + 0.1 * rng.normal(size=200)
w, m, v = np.zeros(3), np.zeros(3), np.zeros(3)
for t in range(1, 3001):
    # gradient of mean((Xw - y)^2) / 2
    grad = X.T @ (X @ w - y) / len(y)
    w, m, v = adam_step(w, grad, m, v, t, lr=0.01)
w_star = np.linalg.lstsq(X, y, rcond=None)[0]
assert np.allclose(w, w_star, atol=1e-8)
# --8<-- [end:lstsq]

# GD on this quadratic is stable iff lr < 2 / lambda_max of the Hessian X^T X / n.
lam_max = np.linalg.eigvalsh(X.T @ X / len(y)).max()


def gd(lr: float, steps: int = 500) -> Array:
    w = np.zeros(3)
    for _ in range(steps):
        w = w - lr * X.T @ (X @ w - y) / len(y)
    return w


assert np.allclose(gd(1.9 / lam_max), w_star, atol=1e-6)
assert np.linalg.norm(gd(2.1 / lam_max)) > 1e6

print("losses-and-optimizers: all checks passed")
