"""UMAP's fuzzy neighbour graph, low-dimensional curve and cross-entropy layout, from scratch.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/unsupervised_umap.py

umap-learn is not a dependency of this guide, so the checks use NumPy, SciPy and scikit-learn:
exact neighbours from sklearn's NearestNeighbors; every sigma_i solving its calibration
equation; the fuzzy union being symmetric with memberships in [0, 1]; the (a, b) curve fitted
for min_dist = 0.1; the analytic layout gradient against central finite differences; a short
gradient descent lowering the cross-entropy and giving a trustworthy 2-D map.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import curve_fit
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.manifold import trustworthiness
from sklearn.neighbors import NearestNeighbors

Array = np.ndarray


# --8<-- [start:graph]
def fuzzy_graph(X: Array, n_neighbors: int = 15) -> tuple[Array, Array]:
    """Symmetric memberships and the directed ones; n_neighbors counts the point itself."""
    dist, idx = NearestNeighbors(n_neighbors=n_neighbors).fit(X).kneighbors(X)
    dist, idx = dist[:, 1:], idx[:, 1:]               # drop the point itself
    target = np.log2(n_neighbors)
    n = len(X)
    W = np.zeros((n, n))
    for i in range(n):
        rho = dist[i][dist[i] > 0].min()              # nearest neighbour gets membership 1
        lo, hi, sigma = 0.0, np.inf, 1.0
        for _ in range(100):                          # bisection: the sum grows with sigma
            total = np.exp(-np.maximum(dist[i] - rho, 0) / sigma).sum()
            if abs(total - target) < 1e-10:
                break
            if total > target:
                hi, sigma = sigma, (lo + sigma) / 2
            else:
                lo, sigma = sigma, sigma * 2 if hi == np.inf else (sigma + hi) / 2
        W[i, idx[i]] = np.exp(-np.maximum(dist[i] - rho, 0) / sigma)
    return W + W.T - W * W.T, W                       # fuzzy union: P(edge i->j or j->i)


def fit_ab(min_dist: float = 0.1, spread: float = 1.0) -> tuple[float, float]:
    """Fit 1 / (1 + a d^(2b)) to 1 for d < min_dist and exp(-(d - min_dist) / spread) beyond."""
    d = np.linspace(0, 3 * spread, 300)
    target = np.where(d < min_dist, 1.0, np.exp(-(d - min_dist) / spread))
    (a, b), _ = curve_fit(lambda d, a, b: 1.0 / (1.0 + a * d ** (2 * b)), d, target)
    return float(a), float(b)


def cross_entropy(Y_flat: Array, W: Array, a: float, b: float) -> float:
    """Fuzzy-set cross-entropy (without the constant terms in W) of a 2-D layout."""
    Y = Y_flat.reshape(-1, 2)
    u = ((Y[:, None, :] - Y[None, :, :]) ** 2).sum(axis=2) + 1e-3   # offset avoids u = 0
    v = 1.0 / (1.0 + a * u**b)
    off = ~np.eye(len(Y), dtype=bool)
    return float(-(W * np.log(v) + (1 - W) * np.log(1 - v))[off].sum() / 2)


def cross_entropy_grad(Y_flat: Array, W: Array, a: float, b: float) -> Array:
    """Gradient: attraction along graph edges (W), repulsion from everything else (1 - W)."""
    Y = Y_flat.reshape(-1, 2)
    diff = Y[:, None, :] - Y[None, :, :]
    u = (diff**2).sum(axis=2) + 1e-3
    aub = a * u**b
    coef = W * a * b * u ** (b - 1) / (1 + aub) - (1 - W) * b / (u * (1 + aub))   # dCE/du
    np.fill_diagonal(coef, 0.0)
    return (2 * coef[:, :, None] * diff).sum(axis=1).ravel()
# --8<-- [end:graph]


# --8<-- [start:check-graph]
X, digit = load_digits(return_X_y=True)
X = X[:300]
k = 15
G, W_directed = fuzzy_graph(X, n_neighbors=k)
assert np.allclose(W_directed.sum(axis=1), np.log2(k), atol=1e-8)   # every sigma_i calibrated
assert np.all(W_directed.max(axis=1) == 1.0)          # the nearest neighbour has membership 1
assert np.allclose(G, G.T) and G.min() >= 0 and G.max() <= 1
assert np.all(G >= W_directed - 1e-12)                # the union only adds membership
print(f"fuzzy graph on 300 digits: {int((G > 0).sum() / 2)} edges; directed rows sum to "
      f"log2({k}) = {np.log2(k):.3f}; after the union the largest row sum is {G.sum(axis=1).max():.2f}")
a, b = fit_ab(min_dist=0.1)
assert np.isclose(a, 1.577, atol=1e-3) and np.isclose(b, 0.895, atol=1e-3)
print(f"min_dist = 0.1, spread = 1 -> a = {a:.4f}, b = {b:.4f}")
# --8<-- [end:check-graph]


# --8<-- [start:check-layout]
rng = np.random.default_rng(0)
Y0 = PCA(n_components=2).fit_transform(X)
Y0 = 10 * Y0 / np.abs(Y0).max()                       # umap-learn also rescales its start to [-10, 10]
for _ in range(3):                                    # central differences along random directions
    v, h = rng.normal(size=Y0.size), 1e-5
    numeric = (cross_entropy(Y0.ravel() + h * v, G, a, b)
               - cross_entropy(Y0.ravel() - h * v, G, a, b)) / (2 * h)
    analytic = cross_entropy_grad(Y0.ravel(), G, a, b) @ v
    assert abs(numeric - analytic) < 1e-5 * abs(analytic)
Y = Y0.ravel().copy()
ce_start = cross_entropy(Y, G, a, b)
for epoch in range(300):
    lr = 0.05 * (1 - epoch / 300)                     # linearly decayed, as umap-learn does
    Y -= lr * np.clip(cross_entropy_grad(Y, G, a, b), -4, 4)   # bounded steps (umap-learn clips too)
ce_end = cross_entropy(Y, G, a, b)
tw_pca = trustworthiness(X, Y0, n_neighbors=10)
tw_map = trustworthiness(X, Y.reshape(-1, 2), n_neighbors=10)
assert ce_end < 0.8 * ce_start and tw_map > tw_pca
print(f"cross-entropy {ce_start:.0f} -> {ce_end:.0f}; trustworthiness (10 neighbours): "
      f"PCA start {tw_pca:.3f}, optimised layout {tw_map:.3f}")
# --8<-- [end:check-layout]
