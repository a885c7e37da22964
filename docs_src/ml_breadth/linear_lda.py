"""Linear and quadratic discriminant analysis from scratch, checked against scikit-learn.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/linear_lda.py

Checks: the Gaussian shared-covariance classifier (w = Sigma^{-1}(mu_1 - mu_0) and its bias) equals
sklearn's LinearDiscriminantAnalysis coef_ and intercept_; Fisher's direction S_W^{-1}(mu_1 - mu_0)
points the same way and maximises the Fisher ratio; the multi-class projection has at most K - 1
useful directions and its eigenvalues match sklearn's explained_variance_ratio_; QDA's posterior
from class Gaussians equals sklearn's QuadraticDiscriminantAnalysis, and QDA beats LDA when the
class covariances differ.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import eigh
from scipy.stats import multivariate_normal
from sklearn.discriminant_analysis import (LinearDiscriminantAnalysis,
                                           QuadraticDiscriminantAnalysis)

Array = np.ndarray


# --8<-- [start:lda]
def fit_lda_binary(X: Array, y: Array) -> tuple[Array, float]:
    """Gaussian classes with one shared covariance: P(y=1 | x) = sigmoid(w^T x + b)."""
    X0, X1 = X[y == 0], X[y == 1]
    mu0, mu1 = X0.mean(axis=0), X1.mean(axis=0)
    S_W = (X0 - mu0).T @ (X0 - mu0) + (X1 - mu1).T @ (X1 - mu1)   # within-class scatter
    Sigma = S_W / len(X)                                          # pooled covariance (MLE)
    w = np.linalg.solve(Sigma, mu1 - mu0)
    prior1 = len(X1) / len(X)
    b = -0.5 * (mu1 + mu0) @ w + np.log(prior1 / (1 - prior1))
    return w, float(b)


def fisher_ratio(w: Array, X: Array, y: Array) -> float:
    """Squared gap between the projected class means over the pooled within-class variance."""
    z0, z1 = X[y == 0] @ w, X[y == 1] @ w
    pooled = (z0.var() * len(z0) + z1.var() * len(z1)) / len(X)
    return (z1.mean() - z0.mean()) ** 2 / pooled


def lda_directions(X: Array, y: Array) -> tuple[Array, Array]:
    """Solve S_B v = lambda S_W v; returns eigenvalues (descending) and directions as columns."""
    mu = X.mean(axis=0)
    n_features = X.shape[1]
    S_W, S_B = np.zeros((n_features, n_features)), np.zeros((n_features, n_features))
    for k in np.unique(y):
        Xk = X[y == k]
        mk = Xk.mean(axis=0)
        S_W += (Xk - mk).T @ (Xk - mk)
        S_B += len(Xk) * np.outer(mk - mu, mk - mu)
    evals, evecs = eigh(S_B, S_W)          # generalised symmetric eigenproblem
    order = np.argsort(evals)[::-1]
    return evals[order], evecs[:, order]
# --8<-- [end:lda]


# --8<-- [start:check-lda]
def check_binary(rng: np.random.Generator) -> None:
    # Hand example: means (0, 0) and (2, 1), shared within-class covariance diag(2, 1).
    w_hand = np.linalg.solve(np.diag([2.0, 1.0]), np.array([2.0, 1.0]))
    assert np.allclose(w_hand, [1.0, 1.0])

    cov = np.array([[2.0, 0.9], [0.9, 1.0]])
    X = np.vstack([rng.multivariate_normal([0, 0], cov, size=150),
                   rng.multivariate_normal([2, 1], cov, size=100)])
    y = np.repeat([0, 1], [150, 100])
    w, b = fit_lda_binary(X, y)
    sk = LinearDiscriminantAnalysis(solver="lsqr").fit(X, y)
    assert np.allclose(w, sk.coef_[0]) and np.isclose(b, sk.intercept_[0])
    print(f"shared-covariance Gaussian classifier: w = {np.round(w, 4)}, b = {b:.4f} "
          "= sklearn LDA coef_, intercept_")

    mu_diff = X[y == 1].mean(axis=0) - X[y == 0].mean(axis=0)
    cos = lambda a, c: abs(a @ c) / np.linalg.norm(a) / np.linalg.norm(c)
    assert np.isclose(cos(w, lda_directions(X, y)[1][:, 0]), 1)   # Fisher = generative direction
    best = fisher_ratio(w, X, y)
    for _ in range(500):
        assert fisher_ratio(rng.normal(size=2), X, y) <= best + 1e-12
    # The maximum equals the squared Mahalanobis distance between the class means.
    Sigma = sum((X[y == k] - X[y == k].mean(axis=0)).T @ (X[y == k] - X[y == k].mean(axis=0))
                for k in (0, 1)) / len(X)
    assert np.isclose(best, mu_diff @ np.linalg.solve(Sigma, mu_diff))
    print(f"Fisher ratio along S_W^-1 (mu1 - mu0): {best:.3f} (= squared Mahalanobis distance "
          f"of the means) >= 500 random directions; along mu1 - mu0: {fisher_ratio(mu_diff, X, y):.3f}")
# --8<-- [end:check-lda]


# --8<-- [start:check-multiclass]
def check_multiclass(rng: np.random.Generator) -> None:
    n_classes, n_features = 3, 5
    means = rng.normal(scale=2.0, size=(n_classes, n_features))
    y = rng.integers(n_classes, size=600)
    X = means[y] + rng.normal(size=(600, n_features))
    evals, V = lda_directions(X, y)
    assert np.all(evals[n_classes - 1:] < 1e-10)                # rank(S_B) <= K - 1
    sk = LinearDiscriminantAnalysis(solver="eigen").fit(X, y)
    assert np.allclose(evals[: n_classes - 1] / evals.sum(), sk.explained_variance_ratio_[: n_classes - 1])
    Z = sk.transform(X)
    assert Z.shape == (600, n_classes - 1)
    # Same subspace: our two directions project the data onto the same plane as sklearn's.
    P_ours = X @ V[:, :2]
    coef = np.linalg.lstsq(np.column_stack([np.ones(600), P_ours]), Z, rcond=None)[0]
    assert np.allclose(np.column_stack([np.ones(600), P_ours]) @ coef, Z)
    print(f"{n_classes} classes in {n_features}-d: generalised eigenvalues {np.round(evals, 4)}; "
          f"only K - 1 = {n_classes - 1} non-zero, same plane as sklearn transform")
# --8<-- [end:check-multiclass]


# --8<-- [start:check-qda]
def qda_posterior(X_train: Array, y_train: Array, X: Array) -> Array:
    """Class posteriors from one Gaussian per class, each with its own (MLE) covariance."""
    log_joint = []
    for k in np.unique(y_train):
        Xk = X_train[y_train == k]
        dist = multivariate_normal(Xk.mean(axis=0), np.cov(Xk.T, bias=True))
        log_joint.append(dist.logpdf(X) + np.log(len(Xk) / len(X_train)))
    L = np.column_stack(log_joint)
    P = np.exp(L - L.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)


def check_qda(rng: np.random.Generator) -> None:
    def sample(n):
        y = rng.integers(2, size=n)
        X = np.where(y[:, None] == 0, rng.normal(scale=0.5, size=(n, 2)),
                     [1.5, 0.0] + rng.normal(scale=2.0, size=(n, 2)))  # spreads differ
        return X, y
    X, y = sample(400)
    X_test, y_test = sample(2000)
    qda = QuadraticDiscriminantAnalysis().fit(X, y)
    assert np.allclose(qda_posterior(X, y, X_test), qda.predict_proba(X_test), atol=1e-8)
    acc_lda = LinearDiscriminantAnalysis().fit(X, y).score(X_test, y_test)
    acc_qda = qda.score(X_test, y_test)
    assert acc_qda > acc_lda + 0.05
    print(f"unequal covariances: QDA posterior = sklearn; "
          f"test accuracy LDA {acc_lda:.3f}, QDA {acc_qda:.3f}")
# --8<-- [end:check-qda]


def main() -> None:
    rng = np.random.default_rng(4)
    check_binary(rng)
    check_multiclass(rng)
    check_qda(rng)
    print("all discriminant-analysis checks passed")


if __name__ == "__main__":
    main()
