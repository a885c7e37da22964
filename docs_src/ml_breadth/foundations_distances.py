"""Distances and similarities written from scratch in NumPy and checked against scipy.spatial.distance.

Run from anywhere:

    python docs_src/ml_breadth/foundations_distances.py

Every function is compared with SciPy on random vectors; the script also checks the identities
that interviewers ask about (Mahalanobis with the identity covariance is Euclidean, cosine
distance of unit vectors is half the squared Euclidean distance, and so on).
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import distance as sd

Array = np.ndarray


# --8<-- [start:distances]
def euclidean(x: Array, z: Array) -> float:
    """L2 distance: straight-line length of x - z."""
    return float(np.sqrt(np.sum((x - z) ** 2)))


def manhattan(x: Array, z: Array) -> float:
    """L1 distance: sum of absolute coordinate differences."""
    return float(np.sum(np.abs(x - z)))


def minkowski(x: Array, z: Array, p: float) -> float:
    """L_p distance; a metric only for p >= 1 (p = 1 Manhattan, p = 2 Euclidean)."""
    return float(np.sum(np.abs(x - z) ** p) ** (1.0 / p))


def chebyshev(x: Array, z: Array) -> float:
    """L_infinity distance: the limit of Minkowski as p grows, i.e. the largest difference."""
    return float(np.max(np.abs(x - z)))


def cosine_similarity(x: Array, z: Array) -> float:
    """Cosine of the angle between x and z; undefined if either vector is zero."""
    return float(x @ z / (np.linalg.norm(x) * np.linalg.norm(z)))


def cosine_distance(x: Array, z: Array) -> float:
    """1 - cosine similarity, in [0, 2]; not a metric (no triangle inequality)."""
    return 1.0 - cosine_similarity(x, z)


def mahalanobis(x: Array, z: Array, cov: Array) -> float:
    """sqrt((x - z)^T cov^{-1} (x - z)); solve instead of forming the inverse."""
    diff = x - z
    return float(np.sqrt(diff @ np.linalg.solve(cov, diff)))


def jaccard_distance(a: Array, b: Array) -> float:
    """1 - |A and B| / |A or B| for boolean vectors; positions where both are 0 are ignored."""
    a, b = a.astype(bool), b.astype(bool)
    union = np.sum(a | b)
    return 0.0 if union == 0 else float(1.0 - np.sum(a & b) / union)


def hamming(a: Array, b: Array, normalise: bool = True) -> float:
    """Number (or, like SciPy, fraction) of positions where a and b differ."""
    n_diff = int(np.sum(a != b))
    return n_diff / a.size if normalise else float(n_diff)
# --8<-- [end:distances]


# --8<-- [start:pairwise]
def pairwise_sq_euclidean(X: Array, Z: Array) -> Array:
    """All squared distances via ||x||^2 + ||z||^2 - 2 x.z: one matrix product, O(n m d)."""
    sq = (X**2).sum(1)[:, None] + (Z**2).sum(1)[None, :] - 2.0 * X @ Z.T
    return np.maximum(sq, 0.0)  # cancellation can leave tiny negatives


def whiten(X: Array, cov: Array) -> Array:
    """Map rows x to L^{-1} x with cov = L L^T, so Euclidean there = Mahalanobis here."""
    L = np.linalg.cholesky(cov)
    return np.linalg.solve(L, X.T).T
# --8<-- [end:pairwise]


def main() -> None:
    # --8<-- [start:by-hand]
    x = np.array([1.0, 2.0, 3.0])
    z = np.array([4.0, 0.0, 3.0])
    print(f"euclidean  {euclidean(x, z):.4f}   (sqrt(9 + 4 + 0) = sqrt(13))")
    print(f"manhattan  {manhattan(x, z):.4f}   (3 + 2 + 0)")
    print(f"minkowski3 {minkowski(x, z, 3):.4f}   ((27 + 8 + 0) ** (1/3))")
    print(f"chebyshev  {chebyshev(x, z):.4f}   (max(3, 2, 0))")
    print(f"cosine sim {cosine_similarity(x, z):.4f}   (13 / (sqrt(14) * 5))")
    # --8<-- [end:by-hand]
    assert np.isclose(euclidean(x, z), np.sqrt(13.0), rtol=1e-15)
    assert np.isclose(cosine_similarity(x, z), 13.0 / (np.sqrt(14.0) * 5.0), rtol=1e-15)

    # --8<-- [start:check-scipy]
    rng = np.random.default_rng(0)
    n_features = 5
    A = rng.normal(size=(n_features, n_features))
    cov = A @ A.T + n_features * np.eye(n_features)  # symmetric positive definite
    VI = np.linalg.inv(cov)  # SciPy's mahalanobis takes the INVERSE covariance
    for _ in range(200):
        x, z = rng.normal(size=n_features), rng.normal(size=n_features)
        assert np.isclose(euclidean(x, z), sd.euclidean(x, z), rtol=1e-12)
        assert np.isclose(manhattan(x, z), sd.cityblock(x, z), rtol=1e-12)
        for p in (1, 1.5, 2, 3, 7):
            assert np.isclose(minkowski(x, z, p), sd.minkowski(x, z, p), rtol=1e-12)
        assert np.isclose(chebyshev(x, z), sd.chebyshev(x, z), rtol=1e-12)
        assert np.isclose(cosine_distance(x, z), sd.cosine(x, z), rtol=1e-12, atol=1e-12)
        assert np.isclose(mahalanobis(x, z, cov), sd.mahalanobis(x, z, VI), rtol=1e-10)
        a, b = rng.random(12) < 0.3, rng.random(12) < 0.3
        assert np.isclose(jaccard_distance(a, b), sd.jaccard(a, b), rtol=1e-12)
        assert np.isclose(hamming(a, b), sd.hamming(a, b), rtol=1e-12)
    print("8 distances agree with scipy.spatial.distance on 200 random pairs (rtol 1e-10)")
    # --8<-- [end:check-scipy]

    # --8<-- [start:check-identities]
    x, z = rng.normal(size=n_features), rng.normal(size=n_features)
    # Identity covariance: Mahalanobis is Euclidean.
    assert np.isclose(mahalanobis(x, z, np.eye(n_features)), euclidean(x, z), rtol=1e-12)
    # Diagonal covariance: Mahalanobis is Euclidean on standardised features.
    var = rng.uniform(0.5, 4.0, size=n_features)
    assert np.isclose(mahalanobis(x, z, np.diag(var)), sd.seuclidean(x, z, var), rtol=1e-12)
    # Full covariance: Euclidean distance after whitening.
    xw, zw = whiten(np.vstack([x, z]), cov)
    assert np.isclose(euclidean(xw, zw), mahalanobis(x, z, cov), rtol=1e-10)
    # Unit vectors: ||x - z||^2 = 2 (1 - cos), so both rank neighbours identically.
    xu, zu = x / np.linalg.norm(x), z / np.linalg.norm(z)
    assert np.isclose(euclidean(xu, zu) ** 2, 2 * cosine_distance(x, z), rtol=1e-12)
    # Large p approaches Chebyshev.
    assert np.isclose(minkowski(x, z, 200), chebyshev(x, z), rtol=1e-2)
    # Minkowski with p < 1 breaks the triangle inequality: corners of the unit square.
    o, e1, e2 = np.zeros(2), np.array([1.0, 0.0]), np.array([1.0, 1.0])
    assert minkowski(o, e2, 0.5) > minkowski(o, e1, 0.5) + minkowski(e1, e2, 0.5)
    # Jaccard on sets equals Jaccard on their indicator vectors.
    A_set, B_set = {"ml", "sql", "python"}, {"python", "statistics"}
    vocab = sorted(A_set | B_set | {"java"})
    a = np.array([w in A_set for w in vocab])
    b = np.array([w in B_set for w in vocab])
    assert np.isclose(1 - len(A_set & B_set) / len(A_set | B_set), jaccard_distance(a, b))
    print("Mahalanobis = Euclidean (identity), = standardised Euclidean (diagonal),"
          " = Euclidean after whitening; unit-vector and Minkowski identities hold")
    # --8<-- [end:check-identities]

    # --8<-- [start:check-pairwise]
    X, Z = rng.normal(size=(300, n_features)), rng.normal(size=(200, n_features))
    assert np.allclose(pairwise_sq_euclidean(X, Z), sd.cdist(X, Z, "sqeuclidean"), atol=1e-10)
    D_w = np.sqrt(pairwise_sq_euclidean(whiten(X, cov), whiten(Z, cov)))
    assert np.allclose(D_w, sd.cdist(X, Z, "mahalanobis", VI=VI), atol=1e-10)
    print("vectorised pairwise distances match scipy cdist (atol 1e-10)")
    # --8<-- [end:check-pairwise]


if __name__ == "__main__":
    main()
