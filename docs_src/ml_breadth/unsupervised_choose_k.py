"""Choosing the number of clusters: elbow, silhouette, gap statistic and BIC on the same data.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/unsupervised_choose_k.py

Checks: the hand-worked silhouette; a from-scratch silhouette equal to
sklearn.metrics.silhouette_samples; the gap statistic, the silhouette and the GMM BIC all
pick the true number of blobs.
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import pairwise_distances, silhouette_samples, silhouette_score
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits

Array = np.ndarray
threadpool_limits(1)  # hundreds of tiny k-means fits: thread start-up costs more than it saves


# --8<-- [start:silhouette]
def silhouette(X: Array, labels: Array) -> Array:
    """Per-sample silhouette s = (b - a) / max(a, b); 0 for points alone in their cluster."""
    D = pairwise_distances(X)                           # O(n^2) time and memory
    clusters = np.unique(labels)
    # mean distance from every point to every cluster (own cluster handled below)
    mean_to = np.column_stack([D[:, labels == c].mean(axis=1) for c in clusters])
    own = np.searchsorted(clusters, labels)
    sizes = np.bincount(own)[own]
    # a: the own-cluster mean must exclude the zero distance to the point itself
    a = mean_to[np.arange(len(X)), own] * sizes / np.maximum(sizes - 1, 1)
    mean_to[np.arange(len(X)), own] = np.inf
    b = mean_to.min(axis=1)                             # nearest other cluster
    s = (b - a) / np.maximum(a, b)
    return np.where(sizes > 1, s, 0.0)
# --8<-- [end:silhouette]


# --8<-- [start:gap]
def gap_statistic(X: Array, k_values: list[int], n_refs: int = 10,
                  rng: np.random.Generator | None = None) -> tuple[Array, Array]:
    """Gap(k) = mean_b log W*_kb - log W_k, with W the k-means inertia, and its s_k."""
    rng = rng or np.random.default_rng(0)
    lo, hi = X.min(axis=0), X.max(axis=0)
    gaps, s = [], []
    for k in k_values:
        log_w = np.log(KMeans(k, n_init=3, random_state=0).fit(X).inertia_)
        # reference data: uniform in the bounding box, i.e. "no cluster structure"
        ref = [np.log(KMeans(k, n_init=3, random_state=0)
                      .fit(rng.uniform(lo, hi, size=X.shape)).inertia_) for _ in range(n_refs)]
        gaps.append(np.mean(ref) - log_w)
        s.append(np.std(ref) * np.sqrt(1 + 1 / n_refs))
    return np.array(gaps), np.array(s)
# --8<-- [end:gap]


# --8<-- [start:check-hand]
x_1d = np.array([[0.0], [1.0], [5.0], [6.0]])
lab_1d = np.array([0, 0, 1, 1])
# point 0: a = 1, b = (5 + 6) / 2 = 5.5; point 1: a = 1, b = (4 + 5) / 2 = 4.5
expected = np.array([4.5 / 5.5, 3.5 / 4.5, 3.5 / 4.5, 4.5 / 5.5])
assert np.allclose(silhouette(x_1d, lab_1d), expected)
assert np.isclose(silhouette_score(x_1d, lab_1d), expected.mean())
print(f"1-D example: silhouettes {expected.round(3)}, mean {expected.mean():.4f}")
# --8<-- [end:check-hand]


# --8<-- [start:check-choose]
# Four blobs; two of them (centres about 3.4 apart, standard deviation 1) nearly touch.
X, _ = make_blobs(n_samples=400, centers=4, cluster_std=1.0, random_state=4)
k_values = list(range(1, 9))
inertia, sil, bic = [], [], []
for k in k_values:
    km = KMeans(k, n_init=10, random_state=0).fit(X)
    labels = km.labels_
    inertia.append(km.inertia_)
    if k > 1:                                          # silhouette needs at least 2 clusters
        mine = silhouette(X, labels)
        assert np.allclose(mine, silhouette_samples(X, labels), atol=1e-12)
        sil.append(mine.mean())
    bic.append(GaussianMixture(k, n_init=3, random_state=0).fit(X).bic(X))
gaps, s = gap_statistic(X, k_values)
# Tibshirani et al.: the smallest k with Gap(k) >= Gap(k+1) - s_{k+1}
k_gap = next(k for i, k in enumerate(k_values[:-1]) if gaps[i] >= gaps[i + 1] - s[i + 1])
k_sil = k_values[1:][int(np.argmax(sil))]
k_bic = k_values[int(np.argmin(bic))]
print(" k   inertia  silhouette    gap      BIC")
for i, k in enumerate(k_values):
    sil_txt = f"{sil[i - 1]:10.3f}" if k > 1 else "         -"
    print(f"{k:2d} {inertia[i]:9.1f} {sil_txt} {gaps[i]:7.3f} {bic[i]:8.1f}")
assert k_gap == k_bic == 4 and k_sil == 3
print("from-scratch silhouette equals sklearn's (atol 1e-12)")
print("gap statistic and BIC choose k = 4; the silhouette prefers k = 3, merging the two close blobs")
# --8<-- [end:check-choose]
