"""L2, L1 and elastic-net penalties, early stopping and dropout, checked against scikit-learn.

Run from any folder:

    python docs_src/ml_breadth/losses_penalties.py

Checks: closed-form ridge with an unpenalised intercept equals sklearn Ridge; ridge is the MAP
estimate under a Gaussian prior; coordinate descent with soft-thresholding equals sklearn Lasso
and ElasticNet (same objective, same zeros); the elastic net splits weight between duplicated
features where the lasso does not; gradient descent on least squares is a spectral filter like
ridge; inverted dropout keeps expectations and acts as a data-dependent L2 penalty.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import ElasticNet, Lasso, Ridge

Array = np.ndarray


# --8<-- [start:ridge]
def ridge_closed_form(X: Array, y: Array, alpha: float) -> tuple[Array, float]:
    """Minimise ||y - X w - b||^2 + alpha ||w||^2 (sklearn Ridge's objective); b is not penalised."""
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean               # centring removes b from the problem
    d = X.shape[1]
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(d), Xc.T @ yc)  # solve, never invert
    return w, y_mean - x_mean @ w
# --8<-- [end:ridge]


# --8<-- [start:lasso]
def soft_threshold(rho: Array | float, lam: float) -> Array:
    """S(rho, lam) = sign(rho) * max(|rho| - lam, 0): shrink towards 0, and snap to 0 inside [-lam, lam]."""
    return np.sign(rho) * np.maximum(np.abs(rho) - lam, 0.0)


def elastic_net_cd(X: Array, y: Array, alpha: float, l1_ratio: float = 1.0,
                   n_iter: int = 10_000, tol: float = 1e-12) -> Array:
    """Cyclic coordinate descent for sklearn's objective (no intercept; centre X and y first):

    1/(2n) ||y - X w||^2 + alpha * l1_ratio * ||w||_1 + 0.5 * alpha * (1 - l1_ratio) * ||w||^2.
    l1_ratio = 1 is the lasso.
    """
    n, d = X.shape
    w = np.zeros(d)
    r = y.astype(float).copy()                    # residual y - X w, kept up to date
    col_sq = np.sum(X**2, axis=0)
    for _ in range(n_iter):
        max_change = 0.0
        for j in range(d):
            rho = X[:, j] @ r + col_sq[j] * w[j]  # x_j . (residual with feature j left out)
            w_new = soft_threshold(rho, n * alpha * l1_ratio) / (col_sq[j] + n * alpha * (1 - l1_ratio))
            if w_new != w[j]:
                r -= X[:, j] * (w_new - w[j])
                max_change = max(max_change, abs(w_new - w[j]))
                w[j] = w_new
        if max_change < tol:
            break
    return w
# --8<-- [end:lasso]


def make_data(n_samples: int = 100, n_features: int = 8, seed: int = 0) -> tuple[Array, Array, Array]:
    """Correlated, standardised features; only three true coefficients are non-zero."""
    rng = np.random.default_rng(seed)
    cov = 0.6 ** np.abs(np.subtract.outer(np.arange(n_features), np.arange(n_features)))
    X = rng.multivariate_normal(np.zeros(n_features), cov, size=n_samples)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    w_true = np.zeros(n_features)
    w_true[[0, 3, 6]] = [3.0, -2.0, 1.5]
    y = X @ w_true + rng.normal(size=n_samples)
    return X, y, w_true


def main() -> None:
    X, y, w_true = make_data()
    n, d = X.shape
    Xc, yc = X - X.mean(axis=0), y - y.mean()

    # --8<-- [start:check-ridge]
    for alpha in [0.01, 1.0, 10.0, 1000.0]:
        w, b = ridge_closed_form(X, y, alpha)
        ref = Ridge(alpha=alpha).fit(X, y)
        assert np.allclose(w, ref.coef_, atol=1e-8) and np.isclose(b, ref.intercept_, atol=1e-8)
    print("closed-form ridge (X^T X + alpha I)^-1 X^T y matches sklearn Ridge (atol 1e-8)")

    # MAP with prior w ~ N(0, tau^2 I) and noise N(0, sigma^2) is ridge with alpha = sigma^2 / tau^2.
    sigma, tau = 1.0, 0.5
    neg_log_post = lambda w: np.sum((yc - Xc @ w) ** 2) / (2 * sigma**2) + np.sum(w**2) / (2 * tau**2)
    w_map = minimize(neg_log_post, np.zeros(d), method="BFGS", options={"gtol": 1e-10}).x
    assert np.allclose(w_map, ridge_closed_form(X, y, sigma**2 / tau**2)[0], atol=1e-6)
    print("ridge with alpha = sigma^2 / tau^2 is the MAP estimate under a Gaussian prior (atol 1e-6)")
    # --8<-- [end:check-ridge]

    # --8<-- [start:check-lasso]
    assert np.allclose(soft_threshold(np.array([-3.0, -0.5, 0.2, 2.0]), 1.0), [-2.0, 0.0, 0.0, 1.0])
    for alpha in [0.01, 0.1, 0.5]:
        w = elastic_net_cd(Xc, yc, alpha)
        ref = Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X, y)
        assert np.allclose(w, ref.coef_, atol=1e-6)
        assert np.count_nonzero(w) == np.count_nonzero(ref.coef_)
        print(f"lasso alpha={alpha:<4}: {np.count_nonzero(w)} non-zeros, matches sklearn Lasso (atol 1e-6)")
    support = np.flatnonzero(elastic_net_cd(Xc, yc, 0.5))
    assert np.array_equal(support, np.flatnonzero(w_true))
    print(f"at alpha=0.5 the lasso keeps features {support.tolist()}: exactly the true non-zeros")
    # Above alpha_max = max_j |x_j . y| / n every coefficient is exactly zero.
    alpha_max = np.max(np.abs(Xc.T @ yc)) / n
    assert np.count_nonzero(elastic_net_cd(Xc, yc, 1.001 * alpha_max)) == 0
    assert np.count_nonzero(elastic_net_cd(Xc, yc, 0.999 * alpha_max)) == 1
    print(f"alpha_max = {alpha_max:.4f}: all zero just above it, one feature enters just below")
    # --8<-- [end:check-lasso]

    # --8<-- [start:check-enet]
    w = elastic_net_cd(Xc, yc, alpha=0.1, l1_ratio=0.5)
    ref = ElasticNet(alpha=0.1, l1_ratio=0.5, tol=1e-12, max_iter=100_000).fit(X, y)
    assert np.allclose(w, ref.coef_, atol=1e-6)
    print("elastic net by coordinate descent matches sklearn ElasticNet (atol 1e-6)")

    # Two copies of the strongest feature: the lasso is indifferent to how it splits the weight,
    # the elastic net's L2 part makes the equal split the unique optimum.
    X_dup = np.column_stack([X[:, 0], X[:, 0], X[:, 1:]])
    lasso_dup = Lasso(alpha=0.1, tol=1e-12, max_iter=100_000).fit(X_dup, y).coef_[:2]
    enet_dup = ElasticNet(alpha=0.1, l1_ratio=0.5, tol=1e-12, max_iter=100_000).fit(X_dup, y).coef_[:2]
    print(f"duplicated feature: lasso [{lasso_dup[0]:.3f}, {lasso_dup[1]:.3f}], "
          f"elastic net [{enet_dup[0]:.3f}, {enet_dup[1]:.3f}]")
    assert np.isclose(enet_dup[0], enet_dup[1], atol=1e-6)
    # --8<-- [end:check-enet]

    # --8<-- [start:check-early-stopping]
    # Gradient descent from w = 0 on (1/2n)||y - X w||^2 shrinks each eigen-direction of
    # X^T X / n (eigenvalue s) by the factor 1 - (1 - lr s)^t; ridge with penalty lam uses s/(s + lam).
    s, V = np.linalg.eigh(Xc.T @ Xc / n)
    w_ols = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    lr, t = 0.1, 20
    w = np.zeros(d)
    for _ in range(t):
        w -= lr * Xc.T @ (Xc @ w - yc) / n
    gd_filter = 1 - (1 - lr * s) ** t
    assert np.allclose(w, V @ (gd_filter * (V.T @ w_ols)), atol=1e-10)
    lam = 1 / (lr * t)                            # the matching ridge strength, lam ~ 1/(lr t)
    print("eigenvalue s        " + "".join(f"{v:7.3f}" for v in s))
    print("GD filter, t=20     " + "".join(f"{v:7.3f}" for v in gd_filter))
    print("ridge s/(s+1/(lr t))" + "".join(f"{v:7.3f}" for v in s / (s + lam)))
    print("GD after t steps = OLS shrunk by 1 - (1 - lr s)^t in each eigen-direction (atol 1e-10)")
    # --8<-- [end:check-early-stopping]

    # --8<-- [start:dropout]
    def inverted_dropout(h: Array, p: float, rng: np.random.Generator) -> Array:
        """Training-time dropout: zero each unit with probability p, scale survivors by 1/(1 - p)."""
        keep = rng.random(h.shape) >= p
        return h * keep / (1.0 - p)
    # --8<-- [end:dropout]

    # --8<-- [start:check-dropout]
    rng = np.random.default_rng(0)
    p = 0.3
    h = rng.normal(size=(20_000, 4))
    assert np.allclose(inverted_dropout(h, p, rng).mean(axis=0), h.mean(axis=0), atol=0.03)

    # Exact expectation over all 2^d masks for a linear model on input dropout:
    # E||y - X (m * w)/(1-p)||^2 = ||y - X w||^2 + p/(1-p) * sum_j w_j^2 ||x_j||^2.
    Xs, ys, ws = X[:10, :4], y[:10], rng.normal(size=4)
    expected = 0.0
    for mask in itertools.product([0, 1], repeat=4):
        m = np.array(mask)
        prob = np.prod(np.where(m == 1, 1 - p, p))
        expected += prob * np.sum((ys - Xs @ (m * ws) / (1 - p)) ** 2)
    closed = np.sum((ys - Xs @ ws) ** 2) + p / (1 - p) * np.sum(ws**2 * np.sum(Xs**2, axis=0))
    assert np.isclose(expected, closed, rtol=1e-12)
    print("inverted dropout keeps the mean; on a linear model it equals an L2 penalty scaled by ||x_j||^2")
    # --8<-- [end:check-dropout]


if __name__ == "__main__":
    main()
