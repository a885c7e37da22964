"""DBSCAN from scratch, checked against sklearn.cluster.DBSCAN, plus eps selection and HDBSCAN.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/unsupervised_dbscan.py

Checks: the hand-worked 1-D example; identical labels and core points to sklearn on two moons;
the k-distance curve; one global eps failing on clusters of different density, where HDBSCAN
(sklearn >= 1.3) succeeds.
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import DBSCAN, HDBSCAN
from sklearn.datasets import make_moons
from sklearn.metrics import adjusted_rand_score
from sklearn.neighbors import NearestNeighbors

Array = np.ndarray


# --8<-- [start:dbscan]
def dbscan(X: Array, eps: float, min_samples: int) -> tuple[Array, Array]:
    """Labels (-1 = noise) and a core-point mask; min_samples counts the point itself."""
    d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)   # O(n^2) memory: teaching only
    neighbours = [np.flatnonzero(row <= eps**2) for row in d2]
    is_core = np.array([len(nb) >= min_samples for nb in neighbours])
    labels = np.full(len(X), -1)
    cluster = 0
    for i in range(len(X)):
        if labels[i] != -1 or not is_core[i]:
            continue
        stack = [i]                       # grow one cluster from an unvisited core point
        while stack:
            j = stack.pop()
            if labels[j] != -1:
                continue
            labels[j] = cluster           # a border point keeps the first cluster that reaches it
            if is_core[j]:                # only core points pass the cluster on
                stack.extend(k for k in neighbours[j] if labels[k] == -1)
        cluster += 1
    return labels, is_core
# --8<-- [end:dbscan]


# --8<-- [start:check-hand]
x_1d = np.array([[0.0], [1.0], [2.0], [3.0], [8.0], [9.0], [20.0]])
labels_3, core_3 = dbscan(x_1d, eps=1.5, min_samples=3)
assert labels_3.tolist() == [0, 0, 0, 0, -1, -1, -1]
assert core_3.tolist() == [False, True, True, False, False, False, False]   # 0 and 3 are border
labels_2, _ = dbscan(x_1d, eps=1.5, min_samples=2)
assert labels_2.tolist() == [0, 0, 0, 0, 1, 1, -1]   # with min_samples=2, {8, 9} becomes a cluster
for ms, mine in [(3, labels_3), (2, labels_2)]:
    assert np.array_equal(mine, DBSCAN(eps=1.5, min_samples=ms).fit_predict(x_1d))
print(f"1-D example: min_samples=3 -> {labels_3.tolist()}, min_samples=2 -> {labels_2.tolist()}")
# --8<-- [end:check-hand]


# --8<-- [start:check-sklearn]
X, y = make_moons(n_samples=400, noise=0.08, random_state=0)
labels, is_core = dbscan(X, eps=0.15, min_samples=5)
ref = DBSCAN(eps=0.15, min_samples=5).fit(X)
assert np.array_equal(labels, ref.labels_)                       # same order of discovery
assert np.array_equal(np.flatnonzero(is_core), ref.core_sample_indices_)
n_border = int(((labels != -1) & ~is_core).sum())
print(f"two moons: {labels.max() + 1} clusters, {is_core.sum()} core, {n_border} border, "
      f"{(labels == -1).sum()} noise; identical to sklearn; ARI vs truth "
      f"{adjusted_rand_score(y, labels):.3f}")
# --8<-- [end:check-sklearn]


# --8<-- [start:check-kdistance]
min_samples = 5
# Querying the training points returns each point as its own nearest neighbour, which matches
# DBSCAN's convention that min_samples counts the point itself.
dist, _ = NearestNeighbors(n_neighbors=min_samples).fit(X).kneighbors(X)
k_dist = np.sort(dist[:, -1])
print("sorted 5-NN distances at quantiles 50/90/97/99/100 %:",
      np.round(np.quantile(k_dist, [0.5, 0.9, 0.97, 0.99, 1.0]), 3))
# eps = the 5-NN distance of point i makes point i exactly a core point, so the fraction of
# points whose k-distance is at most eps is the fraction of core points.
assert np.isclose((k_dist <= 0.15).mean(), is_core.mean())
# --8<-- [end:check-kdistance]


# --8<-- [start:check-density]
rng = np.random.default_rng(0)
X_mix = np.vstack([rng.normal([0, 0], 0.2, size=(150, 2)),     # two tight blobs close together
                   rng.normal([1.5, 0], 0.2, size=(150, 2)),
                   rng.normal([8, 0], 1.5, size=(150, 2))])     # one loose blob far away
y_mix = np.repeat([0, 1, 2], 150)
small = DBSCAN(eps=0.3, min_samples=10).fit_predict(X_mix)      # suits the tight blobs
large = DBSCAN(eps=1.0, min_samples=10).fit_predict(X_mix)      # suits the loose blob
assert (small[300:] == -1).mean() > 0.9           # small eps: the loose blob becomes noise
assert len(np.unique(large[:300])) == 1           # large eps: the tight blobs merge into one
hdb = HDBSCAN(min_cluster_size=20, copy=True).fit_predict(X_mix)
kept = hdb != -1
assert hdb.max() + 1 == 3 and adjusted_rand_score(y_mix[kept], hdb[kept]) > 0.95
print(f"varying density: eps=0.3 calls {100 * (small[300:] == -1).mean():.0f} % of the loose blob "
      f"noise; eps=1.0 merges the tight blobs; HDBSCAN finds 3 clusters "
      f"({100 * (~kept).mean():.0f} % noise)")
# --8<-- [end:check-density]
