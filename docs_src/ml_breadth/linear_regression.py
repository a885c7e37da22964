"""Least squares linear regression four ways, checked against NumPy and scikit-learn.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/linear_regression.py

The normal equations, QR, the SVD pseudo-inverse and batch gradient descent are checked against
numpy.linalg.lstsq and sklearn's LinearRegression. The script also checks the projection geometry
(the hat matrix is symmetric and idempotent, residuals are orthogonal to every column), the
minimum-norm answer on a rank-deficient design, the sampling covariance sigma^2 (X^T X)^{-1} of the
estimate by simulation, and how near-collinear features inflate that variance (VIF).
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import solve_triangular
from sklearn.linear_model import LinearRegression

Array = np.ndarray


# --8<-- [start:solvers]
def add_intercept(X: Array) -> Array:
    """Prepend a column of ones so the bias b becomes the first weight."""
    return np.column_stack([np.ones(len(X)), X])


def fit_normal_equations(X: Array, y: Array) -> Array:
    """Solve (X^T X) w = X^T y. Fast, but forming X^T X squares the condition number."""
    return np.linalg.solve(X.T @ X, X.T @ y)


def fit_qr(X: Array, y: Array) -> Array:
    """X = QR (Q: n x d orthonormal columns, R: d x d upper triangular), then R w = Q^T y."""
    Q, R = np.linalg.qr(X)  # reduced QR
    return solve_triangular(R, Q.T @ y)


def fit_svd(X: Array, y: Array, rcond: float = 1e-10) -> Array:
    """Pseudo-inverse: w = V diag(1/s) U^T y over the singular values that are not ~0.

    On a rank-deficient X this returns the minimum-norm least-squares solution.
    """
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    keep = s > rcond * s[0]
    return Vt[keep].T @ ((U[:, keep].T @ y) / s[keep])


def fit_gd(X: Array, y: Array, lr: float, n_iter: int) -> Array:
    """Batch gradient descent on L(w) = ||X w - y||^2 / (2 n); the gradient is X^T (X w - y) / n."""
    n_samples, n_features = X.shape
    w = np.zeros(n_features)
    for _ in range(n_iter):
        w -= lr * X.T @ (X @ w - y) / n_samples
    return w
# --8<-- [end:solvers]


# --8<-- [start:check-hand]
def check_hand_example() -> None:
    # Three points (1, 1), (2, 2), (3, 2): slope S_xy / S_xx = 1 / 2, intercept 5/3 - 2 * 1/2 = 2/3.
    x = np.array([1.0, 2.0, 3.0])
    y = np.array([1.0, 2.0, 2.0])
    b, w = fit_normal_equations(add_intercept(x[:, None]), y)
    assert np.isclose(w, 0.5) and np.isclose(b, 2 / 3)
    residuals = y - (b + w * x)
    assert np.allclose(residuals, [-1 / 6, 1 / 3, -1 / 6])
    assert np.isclose(residuals.sum(), 0) and np.isclose(residuals @ x, 0)
    print(f"hand example: w = {w:.4f}, b = {b:.4f}, residuals {np.round(residuals, 4)}")
# --8<-- [end:check-hand]


# --8<-- [start:check-solvers]
def check_solvers(rng: np.random.Generator) -> None:
    n_samples, n_features = 200, 3
    X = rng.normal(size=(n_samples, n_features))
    y = X @ np.array([1.5, -2.0, 0.5]) + 3.0 + rng.normal(scale=0.3, size=n_samples)
    Xb = add_intercept(X)

    w_ref = np.linalg.lstsq(Xb, y, rcond=None)[0]
    sk = LinearRegression().fit(X, y)
    assert np.allclose(w_ref[1:], sk.coef_) and np.isclose(w_ref[0], sk.intercept_)

    lr = 1.0 / np.linalg.eigvalsh(Xb.T @ Xb / n_samples).max()  # 1 / L for this quadratic
    for name, w in [("normal equations", fit_normal_equations(Xb, y)),
                    ("QR", fit_qr(Xb, y)),
                    ("SVD pseudo-inverse", fit_svd(Xb, y)),
                    ("gradient descent", fit_gd(Xb, y, lr=lr, n_iter=500))]:
        assert np.allclose(w, w_ref, atol=1e-8), name
        print(f"{name:>18}: b = {w[0]:.4f}, w = {np.round(w[1:], 4)} = lstsq = LinearRegression")

    # Geometry: y_hat = H y is the orthogonal projection of y onto the column space of X.
    Q, _ = np.linalg.qr(Xb)
    H = Q @ Q.T  # equals X (X^T X)^{-1} X^T
    assert np.allclose(H, Xb @ np.linalg.solve(Xb.T @ Xb, Xb.T))
    assert np.allclose(H, H.T) and np.allclose(H @ H, H)  # symmetric and idempotent
    assert np.isclose(np.trace(H), n_features + 1)       # trace = number of parameters
    e = y - H @ y
    assert np.allclose(Xb.T @ e, 0, atol=1e-9)             # residuals orthogonal to every column
    print("hat matrix symmetric, idempotent, trace 4; X^T e = 0 (residuals sum to 0)")
# --8<-- [end:check-solvers]


# --8<-- [start:check-rank]
def check_rank_deficient(rng: np.random.Generator) -> None:
    X = rng.normal(size=(50, 2))
    X = np.column_stack([X, X[:, 0]])  # third column duplicates the first: rank 2
    y = X[:, 0] - X[:, 1] + rng.normal(scale=0.1, size=50)
    print(f"duplicated column: rank {np.linalg.matrix_rank(X)}, "
          f"cond(X^T X) = {np.linalg.cond(X.T @ X):.1e}")
    w_svd = fit_svd(X, y)
    w_ref = np.linalg.lstsq(X, y, rcond=None)[0]  # lstsq also returns the minimum-norm solution
    assert np.allclose(w_svd, w_ref, atol=1e-8)
    assert np.isclose(w_svd[0], w_svd[2])          # the weight is split evenly across the copies
    # Any split of that weight gives the same predictions: the solution is not unique.
    w_other = w_svd + np.array([0.7, 0.0, -0.7])
    assert np.allclose(X @ w_other, X @ w_svd)
    print(f"minimum-norm solution {np.round(w_svd, 4)} = lstsq; shifting weight between "
          "the copies leaves predictions unchanged")
# --8<-- [end:check-rank]


# --8<-- [start:check-variance]
def vif(X: Array) -> Array:
    """Variance inflation factors: 1 / (1 - R_j^2), R_j^2 from regressing column j on the others."""
    out = []
    for j in range(X.shape[1]):
        others = add_intercept(np.delete(X, j, axis=1))
        fitted = others @ np.linalg.lstsq(others, X[:, j], rcond=None)[0]
        r2 = 1 - np.sum((X[:, j] - fitted) ** 2) / np.sum((X[:, j] - X[:, j].mean()) ** 2)
        out.append(1 / (1 - r2))
    return np.array(out)


def check_variance_and_collinearity(rng: np.random.Generator) -> None:
    n_samples, sigma = 100, 0.5
    x1 = rng.normal(size=n_samples)
    designs = {
        "independent": np.column_stack([x1, rng.normal(size=n_samples)]),
        "collinear": np.column_stack([x1, x1 + 0.1 * rng.normal(size=n_samples)]),
    }
    w_true = np.array([1.0, 1.0])
    for name, X in designs.items():
        Xb = add_intercept(X)
        # Gauss-Markov setting: X fixed, noise i.i.d. with variance sigma^2, 4000 fresh noise draws.
        noise = rng.normal(scale=sigma, size=(4000, n_samples))
        W = np.linalg.lstsq(Xb, (X @ w_true)[None, :].T + noise.T, rcond=None)[0].T
        cov_theory = sigma**2 * np.linalg.inv(Xb.T @ Xb)
        assert np.allclose(W.mean(axis=0)[1:], w_true, atol=0.05)          # unbiased
        sd_emp, sd_theory = W[:, 1:].std(axis=0), np.sqrt(np.diag(cov_theory))[1:]
        assert np.allclose(sd_emp, sd_theory, rtol=0.06)                  # sigma^2 (X^T X)^{-1}
        v = vif(X)
        assert np.allclose(v, np.diag(np.linalg.inv(np.corrcoef(X.T))))   # VIF = diag of R^{-1}
        print(f"{name:>11}: sd(w) = {np.round(sd_emp, 3)} (theory {np.round(sd_theory, 3)}), "
              f"VIF = {np.round(v, 1)}")
# --8<-- [end:check-variance]


def main() -> None:
    rng = np.random.default_rng(0)
    check_hand_example()
    check_solvers(rng)
    check_rank_deficient(rng)
    check_variance_and_collinearity(rng)
    print("all least-squares checks passed")


if __name__ == "__main__":
    main()
