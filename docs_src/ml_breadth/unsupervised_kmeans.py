"""k-means (Lloyd's algorithm with k-means++ seeding) from scratch, checked against scikit-learn.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/unsupervised_kmeans.py

Checks: the hand-worked 1-D example; identical centres, labels and inertia to
sklearn.cluster.KMeans started from the same centres; mini-batch k-means close to full k-means;
k-means against a full-covariance Gaussian mixture on stretched clusters.
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits

Array = np.ndarray
threadpool_limits(1)  # small problems: extra OpenMP threads only add overhead on a busy machine


# --8<-- [start:kmeans]
def kmeans_plus_plus(X: Array, n_clusters: int, rng: np.random.Generator) -> Array:
    """Pick n_clusters rows of X: the first uniformly, each next one with probability ∝ D(x)^2."""
    centers = [X[rng.integers(len(X))]]
    d2 = ((X - centers[0]) ** 2).sum(axis=1)  # squared distance to the nearest chosen centre
    for _ in range(1, n_clusters):
        centers.append(X[rng.choice(len(X), p=d2 / d2.sum())])
        d2 = np.minimum(d2, ((X - centers[-1]) ** 2).sum(axis=1))
    return np.array(centers)


def lloyd(X: Array, centers: Array, max_iter: int = 300) -> tuple[Array, Array, float]:
    """Alternate assignment and mean update until the labels stop changing."""
    labels = None
    for _ in range(max_iter):
        d2 = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)  # (n_samples, n_clusters)
        new_labels = d2.argmin(axis=1)
        if labels is not None and np.array_equal(new_labels, labels):
            break  # a fixed point: neither step can lower the inertia any more
        labels = new_labels
        # Empty clusters keep their old centre here; production code re-seeds them.
        centers = np.array([X[labels == j].mean(axis=0) if np.any(labels == j) else centers[j]
                            for j in range(len(centers))])
    inertia = float(((X - centers[labels]) ** 2).sum())
    return centers, labels, inertia
# --8<-- [end:kmeans]


# --8<-- [start:check-hand]
x_1d = np.array([[1.0], [2.0], [4.0], [9.0], [10.0], [12.0]])
centers_1d, labels_1d, inertia_1d = lloyd(x_1d, centers=np.array([[1.0], [4.0]]))
assert np.allclose(centers_1d.ravel(), [7 / 3, 31 / 3])   # means of {1, 2, 4} and {9, 10, 12}
assert np.isclose(inertia_1d, 28 / 3)
print(f"1-D example: centres {centers_1d.ravel().round(3)}, inertia {inertia_1d:.3f} (= 28/3)")
# --8<-- [end:check-hand]


# --8<-- [start:check-sklearn]
rng = np.random.default_rng(0)
X, y = make_blobs(n_samples=600, centers=4, cluster_std=1.0, random_state=1)
init = kmeans_plus_plus(X, n_clusters=4, rng=rng)
centers, labels, inertia = lloyd(X, init)

# Same starting centres and the plain Lloyd algorithm: the two runs must coincide.
ref = KMeans(n_clusters=4, init=init, n_init=1, algorithm="lloyd", tol=0.0).fit(X)
assert np.allclose(centers, ref.cluster_centers_, atol=1e-10)
assert np.array_equal(labels, ref.labels_)
assert np.isclose(inertia, ref.inertia_, rtol=1e-10)
print(f"from-scratch k-means matches sklearn: inertia {inertia:.2f}, ARI vs truth "
      f"{adjusted_rand_score(y, labels):.3f}")
# --8<-- [end:check-sklearn]


# --8<-- [start:check-minibatch]
X_big, _ = make_blobs(n_samples=20_000, centers=8, cluster_std=1.5, random_state=0)
start = kmeans_plus_plus(X_big, n_clusters=8, rng=rng)  # same start, so only the updates differ
full = KMeans(n_clusters=8, init=start, n_init=1).fit(X_big)
mini = MiniBatchKMeans(n_clusters=8, init=start, n_init=1, batch_size=1024, random_state=0).fit(X_big)
mini_inertia = -mini.score(X_big)  # score is minus the inertia on the data passed in
gap = mini_inertia / full.inertia_ - 1
assert 0 <= gap < 0.05  # a little worse than full k-means (here under 5 %), much cheaper per step
print(f"mini-batch k-means ({mini.n_steps_} batches of 1024) has inertia {100 * gap:.2f} % "
      f"above full k-means ({full.n_iter_} passes over 20,000 points)")
# --8<-- [end:check-minibatch]


# --8<-- [start:check-anisotropic]
X_blobs, y_blobs = make_blobs(n_samples=600, centers=3, random_state=170)
X_aniso = X_blobs @ np.array([[0.61, -0.64], [-0.41, 0.85]])  # shear: clusters become long ellipses
ari_km = adjusted_rand_score(y_blobs, KMeans(3, n_init=10, random_state=0).fit_predict(X_aniso))
ari_gmm = adjusted_rand_score(
    y_blobs, GaussianMixture(3, covariance_type="full", random_state=0).fit_predict(X_aniso))
assert ari_gmm > 0.95 and ari_km < 0.8
print(f"stretched clusters: ARI k-means {ari_km:.2f}, full-covariance GMM {ari_gmm:.2f}")
# --8<-- [end:check-anisotropic]
