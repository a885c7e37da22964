"""Naive agglomerative clustering with four linkages, checked against scipy.cluster.hierarchy.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/unsupervised_hierarchical.py

Checks: the merge heights of the hand-worked 1-D example for every linkage; merge heights and
flat clusters equal to scipy's linkage on 40 random points; single linkage chaining through a
bridge of points while Ward splits the two groups.
"""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import adjusted_rand_score

Array = np.ndarray


# --8<-- [start:agglomerative]
def cluster_distance(A: Array, B: Array, method: str) -> float:
    """Distance between two clusters (rows are points) under a linkage rule."""
    pair = np.sqrt(((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2))
    if method == "single":
        return float(pair.min())        # closest pair: can chain through thin bridges
    if method == "complete":
        return float(pair.max())        # farthest pair: compact clusters, outlier-sensitive
    if method == "average":
        return float(pair.mean())       # mean of all |A| * |B| pairs (UPGMA)
    if method == "ward":
        # Increase in within-cluster sum of squares caused by the merge, reported as
        # sqrt(2 * increase) so that two single points merge at their Euclidean distance.
        n_a, n_b = len(A), len(B)
        increase = n_a * n_b / (n_a + n_b) * ((A.mean(0) - B.mean(0)) ** 2).sum()
        return float(np.sqrt(2 * increase))
    raise ValueError(method)


def agglomerate(X: Array, method: str) -> list[float]:
    """Merge the two closest clusters n_samples - 1 times; return the merge heights.

    O(n^3) cluster-pair evaluations: fine for teaching, far too slow for real data.
    """
    clusters = [[i] for i in range(len(X))]
    heights = []
    while len(clusters) > 1:
        best = min(((cluster_distance(X[clusters[a]], X[clusters[b]], method), a, b)
                    for a in range(len(clusters)) for b in range(a + 1, len(clusters))))
        height, a, b = best
        heights.append(height)
        clusters[a] = clusters[a] + clusters[b]
        del clusters[b]
    return heights
# --8<-- [end:agglomerative]


# --8<-- [start:check-hand]
x_1d = np.array([[0.0], [1.0], [3.0], [7.0]])
expected = {
    "single": [1, 2, 4],
    "complete": [1, 3, 7],
    "average": [1, 2.5, 17 / 3],
    "ward": [1, np.sqrt(2 * 2 / 3 * 2.5**2), np.sqrt(2 * 3 / 4 * (7 - 4 / 3) ** 2)],
}
for method, heights in expected.items():
    assert np.allclose(agglomerate(x_1d, method), heights)
    assert np.allclose(linkage(x_1d, method=method)[:, 2], heights)
    print(f"{method:8s} merge heights {np.round(np.array(heights, dtype=float), 3)} (hand, from scratch and scipy agree)")
# --8<-- [end:check-hand]


# --8<-- [start:check-scipy]
rng = np.random.default_rng(0)
X = np.vstack([rng.normal(loc, 0.6, size=(10, 2)) for loc in ([0, 0], [4, 0], [0, 4], [4, 4])])
for method in ["single", "complete", "average", "ward"]:
    Z = linkage(X, method=method)
    assert np.allclose(agglomerate(X, method), Z[:, 2], rtol=1e-10)
    scipy_labels = fcluster(Z, t=4, criterion="maxclust")   # cut the dendrogram into 4 clusters
    sk_labels = AgglomerativeClustering(n_clusters=4, linkage=method).fit_predict(X)
    assert adjusted_rand_score(scipy_labels, sk_labels) == 1.0
print("merge heights equal scipy.cluster.hierarchy.linkage for all four linkages (rtol 1e-10);")
print("cutting scipy's tree into 4 clusters gives sklearn's AgglomerativeClustering partition")
# --8<-- [end:check-scipy]


# --8<-- [start:check-chaining]
left = rng.normal([0, 0], 0.5, size=(30, 2))
right = rng.normal([10, 0], 0.5, size=(30, 2))
bridge = np.column_stack([np.linspace(1, 9, 12), np.zeros(12)])  # a thin line of points
outlier = np.array([[5.0, 6.0]])
X_chain = np.vstack([left, right, bridge, outlier])
sizes = {m: sorted(np.bincount(AgglomerativeClustering(n_clusters=2, linkage=m)
                               .fit_predict(X_chain)).tolist())
         for m in ["single", "ward"]}
assert sizes["single"] == [1, 72]  # the bridge glues both groups; the outlier is "a cluster"
assert min(sizes["ward"]) >= 30            # Ward cuts between the two dense groups
print(f"two groups joined by a bridge, k=2: single-linkage sizes {sizes['single']}, "
      f"Ward sizes {sizes['ward']}")
# --8<-- [end:check-chaining]
