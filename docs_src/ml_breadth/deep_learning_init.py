"""Weight initialisation: symmetry, variance preservation and residual-branch scaling.

Run from any folder:

    python docs_src/ml_breadth/deep_learning_init.py

Checks: a constant initialisation keeps hidden units identical through training (and all-zero
weights never move the first layer); the second moment of activations through 50 ReLU layers
matches the per-layer factor n_in * Var(w) / 2 predicted by the variance argument (He keeps it,
Xavier halves it); a residual stack grows like (1 + alpha^2)^L and 1/sqrt(L) branch scaling
keeps it bounded. The formulas are checked against numpy.var on the sampled weights.
"""

from __future__ import annotations

import numpy as np

Array = np.ndarray


# --8<-- [start:schemes]
def xavier_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> Array:
    """Glorot: Var(w) = 2 / (fan_in + fan_out), a compromise between forward and backward."""
    return rng.normal(0, np.sqrt(2 / (fan_in + fan_out)), size=(fan_in, fan_out))


def xavier_uniform(fan_in: int, fan_out: int, rng: np.random.Generator) -> Array:
    """Same variance from U(-a, a), a = sqrt(6 / (fan_in + fan_out)), since Var = a^2 / 3."""
    a = np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def he_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> Array:
    """He/Kaiming: Var(w) = 2 / fan_in, doubling Xavier's 1/fan_in because ReLU zeroes half."""
    return rng.normal(0, np.sqrt(2 / fan_in), size=(fan_in, fan_out))


def second_moments(init, n_layers: int, width: int, rng: np.random.Generator) -> Array:
    """Mean of a^2 after each ReLU layer for unit-variance inputs."""
    A = rng.normal(size=(1000, width))
    out = []
    for _ in range(n_layers):
        A = np.maximum(A @ init(width, width, rng), 0.0)
        out.append(np.mean(A**2))
    return np.array(out)
# --8<-- [end:schemes]


def tanh_mlp_step(W1: Array, W2: Array, X: Array, Y: Array, lr: float) -> tuple[Array, Array]:
    """One gradient step of a tanh MLP with softmax cross-entropy (biases omitted for brevity)."""
    A1 = np.tanh(X @ W1)
    Z2 = A1 @ W2
    P = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    delta2 = (P - Y) / len(X)
    delta1 = (delta2 @ W2.T) * (1 - A1**2)
    return W1 - lr * X.T @ delta1, W2 - lr * A1.T @ delta2


def main() -> None:
    rng = np.random.default_rng(0)
    # --8<-- [start:check-symmetry]
    X = rng.normal(size=(64, 4))
    Y = np.eye(3)[rng.integers(0, 3, size=64)]
    W1, W2 = np.full((4, 8), 0.5), np.full((8, 3), 0.5)      # every hidden unit identical
    for _ in range(200):
        W1, W2 = tanh_mlp_step(W1, W2, X, Y, lr=0.5)
    assert np.allclose(W1, W1[:, :1])                         # the 8 columns never differ
    Z1, Z2 = np.zeros((4, 8)), np.zeros((8, 3))               # all zeros
    for _ in range(200):
        Z1, Z2 = tanh_mlp_step(Z1, Z2, X, Y, lr=0.5)
    assert np.all(Z1 == 0) and np.all(Z2 == 0)                # no gradient reaches any weight
    print("constant init: hidden units stay identical after 200 steps; zero init never moves")
    # --8<-- [end:check-symmetry]

    # --8<-- [start:check-variance]
    n_layers, width = 50, 256
    for name, init in [("Xavier", xavier_normal), ("He", he_normal)]:
        predicted = width * np.var(init(width, width, rng)) / 2  # E[a_l^2] / E[a_(l-1)^2], ReLU
        m = second_moments(init, n_layers, width, rng)
        per_layer = (m[-1] / m[0]) ** (1 / (n_layers - 1))      # geometric mean of the factors
        print(f"{name:6s} factor per layer: predicted {predicted:.3f}, measured {per_layer:.3f}; "
              f"E[a^2] after 1, 10, 50 layers: {m[0]:.3g}, {m[9]:.3g}, {m[-1]:.3g}")
        assert abs(per_layer / predicted - 1) < 0.1
    assert np.isclose(np.var(xavier_uniform(400, 600, rng)), 2 / 1000, rtol=0.02)
    # --8<-- [end:check-variance]

    # --8<-- [start:check-residual]
    def residual_growth(alpha: float, n_blocks: int = 50) -> float:
        """E[x_L^2] / E[x_0^2] for x <- x + alpha * W relu(x) with He-initialised W."""
        x = rng.normal(size=(1000, width))
        x0 = np.mean(x**2)
        for _ in range(n_blocks):
            x = x + alpha * np.maximum(x, 0) @ he_normal(width, width, rng)
        return float(np.mean(x**2) / x0)

    plain, scaled = residual_growth(1.0), residual_growth(1 / np.sqrt(50))
    print(f"residual stack of 50 blocks: growth {plain:.2e} unscaled, {scaled:.2f} with 1/sqrt(L)")
    assert plain > 1e13 and 2.0 < scaled < 3.5   # (1 + 1)^50 ~ 1e15 vs (1 + 1/50)^50 ~ e
    # --8<-- [end:check-residual]
    print("initialisation: all checks passed")


if __name__ == "__main__":
    main()
