"""PCA by SVD from scratch, checked against sklearn.decomposition.PCA, and why SVD beats X^T X.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/unsupervised_pca.py

Checks: the hand-worked 2 x 2 covariance; components, explained variance and projections equal
to sklearn on the digits data; the reconstruction error equal to the discarded variance; the
Gram matrix X^T X losing a singular value that the SVD keeps.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA

Array = np.ndarray


# --8<-- [start:pca]
def pca_svd(X: Array, n_components: int) -> tuple[Array, Array, Array, Array]:
    """Return (mean, components (k, d), explained variances (k,), scores (n, k))."""
    mean = X.mean(axis=0)
    Xc = X - mean                                     # PCA is about variance: centre first
    U, S, Vt = np.linalg.svd(Xc, full_matrices=False)  # Xc = U diag(S) Vt, S descending
    # Sign convention (the one sklearn uses): the largest-|.| entry of each component is positive.
    signs = np.sign(Vt[np.arange(len(Vt)), np.abs(Vt).argmax(axis=1)])
    U, Vt = U * signs, Vt * signs[:, None]
    explained_variance = S**2 / (len(X) - 1)         # eigenvalues of the sample covariance
    scores = U[:, :n_components] * S[:n_components]  # equals Xc @ Vt[:k].T
    return mean, Vt[:n_components], explained_variance[:n_components], scores
# --8<-- [end:pca]


# --8<-- [start:check-hand]
cov = np.array([[2.0, 1.0], [1.0, 2.0]])
eigvals, eigvecs = np.linalg.eigh(cov)                # ascending order
assert np.allclose(eigvals, [1.0, 3.0])
assert np.allclose(np.abs(eigvecs[:, 1]), [1 / np.sqrt(2), 1 / np.sqrt(2)])
print(f"covariance [[2, 1], [1, 2]]: eigenvalues {eigvals[::-1]}, explained variance ratio "
      f"{eigvals[::-1] / eigvals.sum()}")
# --8<-- [end:check-hand]


# --8<-- [start:check-sklearn]
X, _ = load_digits(return_X_y=True)                   # 1797 images, 64 pixel features
n_components = 10
mean, components, ev, scores = pca_svd(X, n_components)
ref = PCA(n_components=n_components, svd_solver="full").fit(X)
assert np.allclose(components, ref.components_, atol=1e-10)
assert np.allclose(ev, ref.explained_variance_, rtol=1e-10)
total_var = X.var(axis=0, ddof=1).sum()               # trace of the covariance matrix
assert np.allclose(ev / total_var, ref.explained_variance_ratio_, rtol=1e-10)
assert np.allclose(scores, ref.transform(X), atol=1e-8)
# Reconstruction: mean per-sample squared error = (n-1)/n * (sum of discarded eigenvalues).
X_hat = scores @ components + mean
mse = ((X - X_hat) ** 2).sum(axis=1).mean()
assert np.isclose(mse, (len(X) - 1) / len(X) * (total_var - ev.sum()))
print(f"digits, {n_components} components: components, variances and scores match sklearn; "
      f"{100 * ev.sum() / total_var:.1f} % of variance kept; reconstruction error {mse:.1f}")
n_95 = PCA(n_components=0.95).fit(X).n_components_   # smallest k keeping 95 % of the variance
print(f"components needed for 95 % of the variance: {n_95} of 64")
# --8<-- [end:check-sklearn]


# --8<-- [start:check-gram]
eps = 1e-8
A = np.array([[1.0, 1.0], [eps, 0.0], [0.0, eps]])   # singular values sqrt(2 + eps^2) and eps
svd_small = np.linalg.svd(A, compute_uv=False)[-1]
gram_small = np.sqrt(max(np.linalg.eigvalsh(A.T @ A)[0], 0.0))
assert abs(svd_small - eps) / eps < 1e-6             # the SVD recovers eps
assert abs(gram_small - eps) / eps > 0.5             # eps^2 = 1e-16 vanished next to 1 in A^T A
print(f"smallest singular value: SVD {svd_small:.3e}, via eigenvalues of A^T A {gram_small:.3e}")
# --8<-- [end:check-gram]
