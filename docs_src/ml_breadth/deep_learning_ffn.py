"""Feed-forward networks: why non-linearities matter, parameter counts, and what depth buys.

Run from any folder:

    python docs_src/ml_breadth/deep_learning_ffn.py

Checks: two stacked affine layers without an activation equal one affine layer (numpy matrix
algebra); the parameter count of a 784-512-256-10 MLP against the d_in * d_out + d_out
formula and against scikit-learn's MLPClassifier; a depth-L ReLU network with 2 units per
layer builds a sawtooth with 2^L linear pieces, counted on a fine grid, while a one-hidden-layer
ReLU network with N units has at most N + 1 pieces in one dimension.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

Array = np.ndarray


# --8<-- [start:ffn]
def dense_params(layer_sizes: list[int]) -> int:
    """Sum of d_in * d_out weights + d_out biases over consecutive layer sizes."""
    return sum(d_in * d_out + d_out for d_in, d_out in zip(layer_sizes[:-1], layer_sizes[1:]))


def relu(z: Array) -> Array:
    return np.maximum(z, 0.0)


def tent(x: Array) -> Array:
    """One ReLU layer with 2 units: 2 relu(x) - 4 relu(x - 1/2), a tent on [0, 1]."""
    return 2 * relu(x) - 4 * relu(x - 0.5)


def count_pieces(f_values: Array, x: Array) -> int:
    """Linear pieces of a piecewise-linear function sampled on a fine grid: slope changes + 1."""
    slopes = np.diff(f_values) / np.diff(x)
    return int(np.sum(~np.isclose(slopes[1:], slopes[:-1], rtol=1e-6, atol=1e-6))) + 1
# --8<-- [end:ffn]


def main() -> None:
    rng = np.random.default_rng(0)
    # --8<-- [start:check]
    # Without an activation, depth adds nothing: (X W1 + b1) W2 + b2 = X (W1 W2) + (b1 W2 + b2).
    X = rng.normal(size=(6, 4))
    W1, b1, W2, b2 = rng.normal(size=(4, 5)), rng.normal(size=5), rng.normal(size=(5, 3)), rng.normal(size=3)
    assert np.allclose((X @ W1 + b1) @ W2 + b2, X @ (W1 @ W2) + (b1 @ W2 + b2))

    sizes = [784, 512, 256, 10]
    clf = MLPClassifier(hidden_layer_sizes=tuple(sizes[1:-1]), max_iter=1, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(rng.normal(size=(20, 784)), np.arange(20) % 10)
    sk_count = sum(W.size for W in clf.coefs_) + sum(b.size for b in clf.intercepts_)
    assert dense_params(sizes) == sk_count == 535_818
    print(f"784-512-256-10 MLP: {dense_params(sizes):,} parameters "
          f"({784 * 512 + 512:,} in the first layer); MLPClassifier agrees")

    # Depth: composing the 2-unit tent layer L times doubles the number of linear pieces each time.
    x = np.linspace(0, 1, 2**12 + 1)                  # grid contains every breakpoint k / 2^L
    for L in range(1, 6):
        y = x.copy()
        for _ in range(L):
            y = tent(y)
        pieces = count_pieces(y, x)
        print(f"depth {L}: {2 * L} ReLU units, {pieces} linear pieces")
        assert pieces == 2**L
    # A one-hidden-layer ReLU net with N units on a line: at most N kinks, so at most N + 1 pieces.
    N = 10
    w, c, a = rng.normal(size=N), rng.normal(size=N), rng.normal(size=N)
    xs = np.sort(np.concatenate([np.linspace(-50, 50, 20_001), -c / w]))  # grid holds every kink
    shallow = relu(np.outer(xs, w) + c) @ a
    assert count_pieces(shallow, xs) <= N + 1
    print(f"one hidden layer, {N} units: {count_pieces(shallow, xs)} pieces (at most {N + 1})")
    # --8<-- [end:check]
    print("feed-forward: all checks passed")


if __name__ == "__main__":
    main()
