"""t-SNE's affinities and objective from scratch, checked against sklearn.manifold.TSNE.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/unsupervised_tsne.py

Checks: the hand-worked conditional probabilities and perplexity; every row calibrated to the
target perplexity; the KL divergence of sklearn's final embedding, recomputed from scratch,
equal to sklearn's kl_divergence_; cluster sizes in the map not reflecting sizes in the data.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_digits
from sklearn.manifold import TSNE
from sklearn.metrics import pairwise_distances
from threadpoolctl import threadpool_limits

Array = np.ndarray
threadpool_limits(1)  # small problems: extra threads only add overhead on a busy machine


# --8<-- [start:affinities]
def conditional_p(d2_row: Array, beta: float) -> Array:
    """p_{j|i} ∝ exp(-beta * ||x_i - x_j||^2), beta = 1 / (2 sigma_i^2); the row excludes i."""
    p = np.exp(-beta * (d2_row - d2_row.min()))       # shifting by the min avoids underflow
    return p / p.sum()


def perplexity(p: Array) -> float:
    """2 ** (Shannon entropy in bits): the effective number of neighbours."""
    p = p[p > 0]
    return float(2 ** -(p * np.log2(p)).sum())


def joint_p(X: Array, target: float = 30.0) -> tuple[Array, Array]:
    """Symmetric P (bisection on each beta, then p_ij = (p_j|i + p_i|j) / 2n) and row perplexities."""
    n = len(X)
    D2 = pairwise_distances(X, metric="sqeuclidean")
    P, perps = np.zeros((n, n)), np.zeros(n)
    for i in range(n):
        row = np.delete(D2[i], i)
        lo, hi, beta = 0.0, np.inf, 1.0
        for _ in range(100):                          # perplexity falls as beta rises
            perp = perplexity(conditional_p(row, beta))
            if abs(np.log(perp) - np.log(target)) < 1e-10:
                break
            if perp > target:
                lo, beta = beta, beta * 2 if hi == np.inf else (beta + hi) / 2
            else:
                hi, beta = beta, (lo + beta) / 2
        P[i, np.arange(n) != i] = conditional_p(row, beta)
        perps[i] = perplexity(P[i])
    return (P + P.T) / (2 * n), perps


def kl_student_t(P: Array, Y: Array) -> float:
    """KL(P || Q) with q_ij ∝ (1 + ||y_i - y_j||^2)^-1 over all pairs i != j."""
    num = 1.0 / (1.0 + pairwise_distances(Y, metric="sqeuclidean"))
    np.fill_diagonal(num, 0.0)
    Q = num / num.sum()
    mask = P > 0
    return float((P[mask] * np.log(P[mask] / Q[mask])).sum())
# --8<-- [end:affinities]


# --8<-- [start:check-hand]
# One point with neighbours at distances 1, 2 and 3, and sigma = 1 (beta = 1/2).
p = conditional_p(np.array([1.0, 4.0, 9.0]), beta=0.5)
expected = np.exp(-np.array([0.5, 2.0, 4.5]))
assert np.allclose(p, expected / expected.sum())
print(f"p_j|i = {np.round(p, 4)}, perplexity {perplexity(p):.3f} (about 1.7 effective neighbours)")
# --8<-- [end:check-hand]


# --8<-- [start:check-sklearn]
X, digit = load_digits(return_X_y=True)
X, digit = X[:200], digit[:200]
P, perps = joint_p(X, target=30.0)
assert np.allclose(perps, 30.0, rtol=1e-8)            # every sigma_i found by the bisection
assert np.isclose(P.sum(), 1.0) and np.allclose(P, P.T)
tsne = TSNE(n_components=2, perplexity=30.0, method="exact", init="pca", random_state=0)
Y = tsne.fit_transform(X)
kl = kl_student_t(P, Y)
# sklearn reports the KL of the last iterate it evaluated; the final step barely moves it.
assert np.isclose(kl, tsne.kl_divergence_, rtol=1e-3)
print(f"200 digits: KL(P || Q) from scratch {kl:.4f}, sklearn's kl_divergence_ "
      f"{tsne.kl_divergence_:.4f}")
print(f"TSNE has a transform method for new points: {hasattr(tsne, 'transform')}")
# --8<-- [end:check-sklearn]


# --8<-- [start:check-sizes]
rng = np.random.default_rng(0)
tight = rng.normal(0.0, 1.0, size=(100, 10))
loose = rng.normal(0.0, 10.0, size=(100, 10)) + 100.0  # 10 times the spread, far away
Y2 = TSNE(perplexity=30.0, method="exact", init="pca", random_state=0).fit_transform(
    np.vstack([tight, loose]))
spread_ratio_data = loose.std() / tight.std()
spread_ratio_map = Y2[100:].std() / Y2[:100].std()
assert spread_ratio_map < 0.3 * spread_ratio_data
print(f"spread ratio loose/tight: {spread_ratio_data:.1f} in the data, "
      f"{spread_ratio_map:.1f} in the t-SNE map")
# --8<-- [end:check-sizes]
