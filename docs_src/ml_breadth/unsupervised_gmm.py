"""EM for a Gaussian mixture (full covariances) from scratch, checked against scikit-learn.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/unsupervised_gmm.py

Checks: the hand-worked responsibilities; 30 EM iterations equal to
sklearn.mixture.GaussianMixture started from the same parameters; a non-decreasing
log-likelihood; the k-means limit; the likelihood blowing up on a collapsing component; the
BIC parameter count for every covariance type.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy.special import logsumexp
from scipy.stats import multivariate_normal, norm
from sklearn.datasets import make_blobs
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits

Array = np.ndarray
threadpool_limits(1)  # small problems: extra OpenMP threads only add overhead on a busy machine


# --8<-- [start:em]
def log_gaussian(X: Array, mean: Array, cov: Array) -> Array:
    """log N(x | mean, cov) for every row of X, via a Cholesky factor (no explicit inverse)."""
    L = np.linalg.cholesky(cov)
    z = np.linalg.solve(L, (X - mean).T)              # z = L^{-1}(x - mean), so |z|^2 = Mahalanobis^2
    log_det = 2 * np.log(np.diag(L)).sum()
    return -0.5 * (X.shape[1] * np.log(2 * np.pi) + log_det + (z**2).sum(axis=0))


def e_step(X: Array, weights: Array, means: Array, covs: Array) -> tuple[Array, float]:
    """Responsibilities (n_samples, n_components) and the mean log-likelihood."""
    log_joint = np.column_stack([np.log(w) + log_gaussian(X, m, c)
                                 for w, m, c in zip(weights, means, covs)])
    log_px = logsumexp(log_joint, axis=1)             # log p(x_i), stable for tiny densities
    return np.exp(log_joint - log_px[:, None]), float(log_px.mean())


def m_step(X: Array, resp: Array, reg_covar: float = 1e-6) -> tuple[Array, Array, Array]:
    """Weighted maximum-likelihood weights, means and covariances."""
    n_k = resp.sum(axis=0)                            # effective number of points per component
    means = resp.T @ X / n_k[:, None]
    covs = []
    for k in range(resp.shape[1]):
        diff = X - means[k]
        cov = (resp[:, k, None] * diff).T @ diff / n_k[k]
        covs.append(cov + reg_covar * np.eye(X.shape[1]))   # keeps cov positive definite
    return n_k / len(X), means, np.array(covs)
# --8<-- [end:em]


# --8<-- [start:check-hand]
# 1-D, two components with weights 0.5, means 0 and 4, unit variances.
for x, expected in [(1.0, 1 / (1 + np.exp(-4))), (2.0, 0.5)]:
    resp, _ = e_step(np.array([[x]]), np.array([0.5, 0.5]), np.array([[0.0], [4.0]]),
                     np.array([[[1.0]], [[1.0]]]))
    assert np.isclose(resp[0, 0], expected)
    print(f"x = {x}: responsibility of the component at 0 is {resp[0, 0]:.4f}")
# --8<-- [end:check-hand]


# --8<-- [start:check-sklearn]
rng = np.random.default_rng(0)
X, _ = make_blobs(n_samples=500, centers=3, cluster_std=[1.0, 2.0, 0.5], random_state=2)
n_components, n_iter = 3, 30
weights = np.full(n_components, 1 / n_components)
means = X[rng.choice(len(X), n_components, replace=False)]
covs = np.array([np.eye(2)] * n_components)
start = (weights.copy(), means.copy(), covs.copy())

history = []
for _ in range(n_iter):
    resp, mean_ll = e_step(X, weights, means, covs)
    history.append(mean_ll)                    # log-likelihood of the parameters before this M-step
    weights, means, covs = m_step(X, resp)
_, final_ll = e_step(X, weights, means, covs)
history.append(final_ll)
assert np.all(np.diff(history) >= -1e-12)      # EM never lowers the likelihood

ref = GaussianMixture(n_components, covariance_type="full", max_iter=n_iter, tol=0.0,
                      weights_init=start[0], means_init=start[1],
                      precisions_init=np.linalg.inv(start[2]), reg_covar=1e-6)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)   # a fixed iteration count is the point
    ref.fit(X)
assert np.allclose(weights, ref.weights_, atol=1e-8)
assert np.allclose(means, ref.means_, atol=1e-8)
assert np.allclose(covs, ref.covariances_, atol=1e-8)
assert np.isclose(final_ll, ref.score(X), atol=1e-10)
print(f"{n_iter} EM iterations match sklearn (atol 1e-8); mean log-likelihood "
      f"{history[0]:.4f} -> {final_ll:.4f}, never decreasing")
# --8<-- [end:check-sklearn]


# --8<-- [start:check-kmeans-limit]
# Freeze every covariance at sigma^2 I and shrink sigma: responsibilities become 0/1 and the
# M-step mean update becomes Lloyd's update.
sigma = 0.01
resp, _ = e_step(X, weights=np.full(3, 1 / 3), means=means,
                 covs=np.array([sigma**2 * np.eye(2)] * 3))
nearest = ((X[:, None, :] - means[None]) ** 2).sum(axis=2).argmin(axis=1)
assert np.allclose(resp, np.eye(3)[nearest])
lloyd_means = np.array([X[nearest == k].mean(axis=0) for k in range(3)])
assert np.allclose(m_step(X, resp)[1], lloyd_means)
print(f"sigma = {sigma}: responsibilities are one-hot and the mean update equals k-means")
# --8<-- [end:check-kmeans-limit]


# --8<-- [start:check-singularity]
# Park one component exactly on a data point and shrink its variance: the likelihood has no maximum.
x = rng.normal(size=50)
loglik = [np.log(0.5 * norm.pdf(x, x.mean(), x.std()) + 0.5 * norm.pdf(x, x[0], s)).sum()
          for s in [1e-3, 1e-5, 1e-7, 1e-9]]
# Each time sigma shrinks 100-fold, the spike's density at x[0] grows 100-fold: +log(100) = 4.605.
assert np.allclose(np.diff(loglik), np.log(100), atol=1e-2)
print("collapsing component, sigma = 1e-3 ... 1e-9: log-likelihood", np.round(loglik, 2))
# --8<-- [end:check-singularity]


# --8<-- [start:check-bic]
n_samples, n_features, K = X.shape[0], X.shape[1], 3
cov_params = {"full": K * n_features * (n_features + 1) / 2, "tied": n_features * (n_features + 1) / 2,
              "diag": K * n_features, "spherical": K}
bics = {}
for cov_type, n_cov in cov_params.items():
    gm = GaussianMixture(K, covariance_type=cov_type, random_state=0).fit(X)
    n_params = n_cov + K * n_features + (K - 1)          # covariances + means + free weights
    log_lik = gm.score(X) * n_samples                     # total log-likelihood
    bic = -2 * log_lik + n_params * np.log(n_samples)
    assert np.isclose(bic, gm.bic(X), rtol=1e-12)
    bics[cov_type] = bic
    assert np.isclose(-2 * log_lik + 2 * n_params, gm.aic(X), rtol=1e-12)
    print(f"{cov_type:9s}: {int(n_params):2d} parameters, BIC {bic:8.1f} (equals sklearn)")
assert min(bics, key=bics.get) == "spherical"   # make_blobs draws round clusters
print("lowest BIC: spherical; the extra covariance parameters do not pay for themselves here")
# The full-covariance log-likelihood also equals a direct sum with scipy's density.
gm = GaussianMixture(K, covariance_type="full", random_state=0).fit(X)
direct = np.log(sum(w * multivariate_normal(m, c).pdf(X)
                    for w, m, c in zip(gm.weights_, gm.means_, gm.covariances_))).mean()
assert np.isclose(direct, gm.score(X))
# --8<-- [end:check-bic]
