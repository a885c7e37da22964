"""PCA via the SVD of the centred data, checked against scikit-learn and the covariance eigenproblem.

Run from the repository root:

    .venv/bin/python docs_src/cheatsheets/unsupervised-learning.py

The SVD route must reproduce sklearn's explained_variance_, explained_variance_ratio_, components_
(up to sign) and transform; the eigenvalues of the sample covariance must equal the explained
variances; whitened scores must have identity covariance and match PCA(whiten=True); and one
feature on a large scale must hijack the first component unless the data are standardised.
"""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

Array = np.ndarray
rng = np.random.default_rng(0)
n_samples, n_features = 500, 6
X = rng.normal(size=(n_samples, n_features)) @ rng.normal(size=(n_features, n_features))
X += rng.normal(size=n_features) * 5  # a non-zero mean, so forgetting to centre would show


# --8<-- [start:pca]
def pca_svd(X: Array, k: int) -> tuple[Array, ...]:
    """Top-k axes (rows), variances, variance ratios."""
    Xc = X - X.mean(axis=0)  # PCA needs centred data
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    var = S**2 / (len(X) - 1)  # covariance eigenvalues
    return Vt[:k], var[:k], (var / var.sum())[:k]


comps, var, ratio = pca_svd(X, k=3)
ref = PCA(n_components=3, svd_solver="full").fit(X)
assert np.allclose(ratio, ref.explained_variance_ratio_,
                   rtol=1e-10, atol=0)
signs = np.sign(np.sum(comps * ref.components_, axis=1))
comps = comps * signs[:, None]  # sign is arbitrary
assert np.abs(comps - ref.components_).max() < 1e-10
# --8<-- [end:pca]

assert np.allclose(var, ref.explained_variance_, rtol=1e-10, atol=0)

# With the signs aligned, the projection (scores) matches transform.
Xc = X - X.mean(axis=0)
scores = Xc @ comps.T
assert np.allclose(scores, ref.transform(X), rtol=0, atol=1e-9)

# Same answer from the eigen-decomposition of the covariance matrix (eigh returns ascending order).
eigvals, eigvecs = np.linalg.eigh(np.cov(X, rowvar=False))
assert np.allclose(eigvals[::-1][:3], var, rtol=1e-10, atol=0)
assert np.allclose(np.abs(eigvecs[:, ::-1][:, :3].T), np.abs(comps), rtol=0, atol=1e-8)

# Reconstruction from k components loses exactly (n - 1) * (sum of the dropped eigenvalues).
all_var = np.linalg.svd(Xc, compute_uv=False) ** 2 / (n_samples - 1)
X_hat = scores @ comps + X.mean(axis=0)
assert np.isclose(np.sum((X - X_hat) ** 2), (n_samples - 1) * all_var[3:].sum(), rtol=1e-10)

# Whitening: divide each score by its standard deviation, giving identity covariance.
white = scores / np.sqrt(var)
assert np.allclose(np.cov(white, rowvar=False), np.eye(3), rtol=0, atol=1e-10)
white_ref = PCA(3, whiten=True, svd_solver="full").fit_transform(X)
assert np.allclose(white, white_ref, rtol=0, atol=1e-9)

# Scale: one feature in "millimetres" takes over PC1 unless you standardise first.
X_scaled_badly = X.copy()
X_scaled_badly[:, 0] *= 1000
pc1_raw = pca_svd(X_scaled_badly, 1)[0][0]
pc1_std = pca_svd(StandardScaler().fit_transform(X_scaled_badly), 1)[0][0]
assert abs(pc1_raw[0]) > 0.999  # PC1 is essentially feature 0 alone
assert abs(pc1_std[0]) < 0.9  # after standardising, the other features contribute

print(f"explained variance ratio {np.round(ratio, 4)} matches sklearn; covariance eigenvalues, "
      f"components, scores and whitening agree; unscaled PC1 loading on feature 0 = "
      f"{abs(pc1_raw[0]):.5f}, standardised = {abs(pc1_std[0]):.3f}")
