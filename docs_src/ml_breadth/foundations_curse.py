"""The curse of dimensionality, measured: volume near the boundary, distance concentration, k-NN.

Run from anywhere:

    python docs_src/ml_breadth/foundations_curse.py

Monte Carlo estimates are checked against the closed-form values (shell volume, mean squared
distance d/6) and k-NN accuracy is measured with scikit-learn as irrelevant features are added.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial.distance import cdist
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier

Array = np.ndarray


# --8<-- [start:concentration]
def contrast(X: Array, queries: Array) -> Array:
    """Ratio nearest / farthest Euclidean distance from each query to the rows of X."""
    D = cdist(queries, X)
    return D.min(axis=1) / D.max(axis=1)


def boundary_fraction(n_features: int, eps: float) -> float:
    """Share of the unit cube's volume within eps of its surface: 1 - (1 - 2 eps)^d."""
    return 1.0 - (1.0 - 2.0 * eps) ** n_features
# --8<-- [end:concentration]


def main() -> None:
    rng = np.random.default_rng(0)

    # --8<-- [start:check-concentration]
    n_samples, n_queries, eps = 1000, 20, 0.05
    print(" d   boundary share  MC share  min/max dist  mean sq dist / (d/6)")
    ratios = []
    for d in (1, 2, 10, 100, 1000):
        X = rng.random((n_samples, d))
        queries = rng.random((n_queries, d))
        ratio = contrast(X, queries).mean()
        ratios.append(ratio)
        # Monte Carlo share of points within eps of some face of the cube.
        near_edge = np.any((X < eps) | (X > 1 - eps), axis=1).mean()
        assert abs(near_edge - boundary_fraction(d, eps)) < 0.05  # ~3.5 standard errors
        # Two uniform points: E[(u - v)^2] = 1/6 per coordinate, so E[||x - z||^2] = d/6.
        # 500 independent pairs; relative standard error 1.18 / sqrt(500 d), allow ~4.7 of them.
        sq = ((X[:500] - X[500:]) ** 2).sum(axis=1).mean()
        assert abs(sq / (d / 6) - 1) < 0.25 / np.sqrt(d)
        print(f"{d:4d}  {boundary_fraction(d, eps):13.5f}  {near_edge:8.3f}"
              f"  {ratio:12.3f}  {sq / (d / 6):20.3f}")
    assert all(a < b for a, b in zip(ratios, ratios[1:])), "contrast should fall with d"
    assert ratios[-1] > 0.8
    # --8<-- [end:check-concentration]

    # --8<-- [start:neighbourhood]
    # Edge of the sub-cube that holds a share r of uniform data: r ** (1/d).
    for d in (1, 2, 10, 100):
        print(f"d = {d:3d}: a cube holding 1% of the data has edge {0.01 ** (1 / d):.3f}")
    # --8<-- [end:neighbourhood]
    assert 0.01 ** (1 / 10) > 0.63

    # --8<-- [start:knn-noise]
    n_samples = 400
    y = rng.integers(0, 2, n_samples)
    signal = rng.normal(size=(n_samples, 2)) + 2.0 * y[:, None]  # two informative features
    accuracies = []
    for n_noise in (0, 10, 100, 1000):
        X = np.hstack([signal, rng.normal(size=(n_samples, n_noise))])
        acc = cross_val_score(KNeighborsClassifier(n_neighbors=5), X, y, cv=5).mean()
        accuracies.append(acc)
        print(f"k-NN with 2 informative + {n_noise:4d} noise features: accuracy {acc:.3f}")
    assert accuracies[0] > 0.85 and accuracies[-1] < accuracies[0] - 0.2
    # --8<-- [end:knn-noise]
    print("shell volume, d/6 mean squared distance and falling k-NN accuracy all checked")


if __name__ == "__main__":
    main()
