"""FastICA from scratch on a cocktail-party mixture, checked against sklearn.decomposition.FastICA.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/unsupervised_ica.py

Checks: uncorrelated is not independent (y = x^2); whitened data has identity covariance;
from-scratch FastICA and sklearn both recover three sources up to sign, scale and order, and
agree with each other; PCA does not separate the sources.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import PCA, FastICA

Array = np.ndarray


# --8<-- [start:fastica]
def whiten(X: Array) -> Array:
    """Centre and rotate/scale so that the sample covariance is the identity."""
    Xc = X - X.mean(axis=0)
    eigvals, eigvecs = np.linalg.eigh(np.cov(Xc, rowvar=False))
    return Xc @ eigvecs / np.sqrt(eigvals)            # PCA whitening


def fast_ica(X: Array, n_iter: int = 200, rng: np.random.Generator | None = None) -> Array:
    """Symmetric FastICA with g(u) = tanh(u) (the log cosh contrast). Returns estimated sources."""
    rng = rng or np.random.default_rng(0)
    Z = whiten(X)                                     # after whitening only a rotation is left
    n, d = Z.shape
    W = np.linalg.qr(rng.normal(size=(d, d)))[0]      # random orthogonal start
    for _ in range(n_iter):
        G = np.tanh(Z @ W.T)                          # (n, d): g(w_i^T z) for every row w_i
        # fixed-point step: w <- E[z g(w^T z)] - E[g'(w^T z)] w, with g' = 1 - tanh^2
        W_new = G.T @ Z / n - np.diag((1 - G**2).mean(axis=0)) @ W
        # symmetric decorrelation W <- (W W^T)^{-1/2} W keeps the rows orthonormal
        vals, vecs = np.linalg.eigh(W_new @ W_new.T)
        W_new = vecs @ np.diag(vals**-0.5) @ vecs.T @ W_new
        converged = np.max(np.abs(np.abs(np.diag(W_new @ W.T)) - 1)) < 1e-10
        W = W_new
        if converged:
            break
    return Z @ W.T
# --8<-- [end:fastica]


def match(estimated: Array, sources: Array) -> Array:
    """|correlation| between each true source and the estimate paired with it (best pairing)."""
    d = sources.shape[1]
    corr = np.abs(np.corrcoef(sources.T, estimated.T)[:d, d:])
    rows, cols = linear_sum_assignment(-corr)         # resolve the order ambiguity
    return corr[rows, cols]


# --8<-- [start:check-uncorrelated]
rng = np.random.default_rng(0)
x = rng.uniform(-1, 1, size=100_000)
y = x**2                                              # completely determined by x
assert abs(np.corrcoef(x, y)[0, 1]) < 0.01            # yet (almost exactly) uncorrelated
print(f"x uniform on [-1, 1], y = x^2: corr(x, y) = {np.corrcoef(x, y)[0, 1]:+.4f}")
# --8<-- [end:check-uncorrelated]


# --8<-- [start:check-cocktail]
t = np.linspace(0, 8, 2000)
S = np.column_stack([np.sin(2 * t),                   # a smooth tone
                     np.sign(np.sin(3 * t)),          # a square wave
                     2 * ((t * 1.7) % 1) - 1])        # a sawtooth
S += 0.02 * rng.normal(size=S.shape)
A = np.array([[1.0, 1.0, 1.0], [0.5, 2.0, 1.0], [1.5, 1.0, 2.0]])   # 3 microphones, 3 voices
X = S @ A.T                                           # each row: one instant at the microphones

Z = whiten(X)
assert np.allclose(np.cov(Z, rowvar=False), np.eye(3), atol=1e-10)

mine = fast_ica(X, rng=rng)
sk = FastICA(n_components=3, whiten="unit-variance", random_state=0).fit_transform(X)
pca = PCA(n_components=3).fit_transform(X)
for name, est in [("from-scratch FastICA", mine), ("sklearn FastICA", sk), ("PCA", pca)]:
    print(f"{name:21s} |corr| with the true sources: {np.round(match(est, S), 3)}")
assert match(mine, S).min() > 0.99 and match(sk, S).min() > 0.99
assert match(mine, sk).min() > 0.999                 # same answer up to sign, scale and order
assert match(pca, S).min() < 0.9                      # decorrelating is not unmixing
# --8<-- [end:check-cocktail]
