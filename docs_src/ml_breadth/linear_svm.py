"""Support vector machines: hinge loss, the dual, kernels and SVR, checked against scikit-learn.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/linear_svm.py

Checks: the hand example's margin 2 / ||w||; sub-gradient descent on the hinge-loss primal
reaches the objective of sklearn's SVC(kernel="linear"); the dual solved with scipy gives the same
alphas, w = sum_i alpha_i y_i x_i and b, and the KKT pattern (alpha = 0 beyond the margin,
0 < alpha < C on it, alpha = C inside it); linear, polynomial and RBF kernels match
sklearn.metrics.pairwise and give positive semi-definite Gram matrices; an RBF SVC's decision
function rebuilt from its support vectors; the effect of C and gamma; and the epsilon-tube of SVR.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from sklearn.datasets import make_moons
from sklearn.metrics.pairwise import linear_kernel, polynomial_kernel, rbf_kernel
from sklearn.svm import SVC, SVR

Array = np.ndarray


# --8<-- [start:primal]
def hinge(margins: Array) -> Array:
    """max(0, 1 - y f(x)), given margins = y * f(x)."""
    return np.maximum(0.0, 1.0 - margins)


def primal_objective(w: Array, b: float, X: Array, y: Array, C: float) -> float:
    """Soft-margin SVM: 1/2 ||w||^2 + C * sum of hinge losses (y in {-1, +1})."""
    return 0.5 * w @ w + C * hinge(y * (X @ w + b)).sum()


def subgradient(w: Array, b: float, X: Array, y: Array, C: float) -> tuple[Array, float]:
    """A sub-gradient: only points with y f(x) < 1 (inside the margin or wrong) contribute."""
    active = y * (X @ w + b) < 1
    return w - C * (y[active] @ X[active]), -C * y[active].sum()


def fit_subgradient(X: Array, y: Array, C: float, n_iter: int = 20_000) -> tuple[Array, float]:
    """Full-batch sub-gradient descent with step 1 / (t + 10); keeps the best iterate."""
    w, b = np.zeros(X.shape[1]), 0.0
    best = (np.inf, w, b)
    for t in range(n_iter):
        g_w, g_b = subgradient(w, b, X, y, C)
        lr = 1.0 / (t + 10)
        w, b = w - lr * g_w, b - lr * g_b
        f = primal_objective(w, b, X, y, C)
        if f < best[0]:
            best = (f, w.copy(), b)
    return best[1], best[2]
# --8<-- [end:primal]


# --8<-- [start:dual]
def fit_dual(X: Array, y: Array, C: float, K: Array | None = None) -> tuple[Array, float]:
    """max sum(a) - 1/2 a^T (yy^T * K) a  s.t.  0 <= a_i <= C,  sum_i a_i y_i = 0.

    Returns alpha and b; b is averaged over the free support vectors (0 < alpha < C).
    """
    K = X @ X.T if K is None else K
    Q = np.outer(y, y) * K
    res = minimize(lambda a: 0.5 * a @ Q @ a - a.sum(), np.zeros(len(y)),
                   jac=lambda a: Q @ a - 1, method="SLSQP",
                   bounds=[(0, C)] * len(y),
                   constraints={"type": "eq", "fun": lambda a: a @ y, "jac": lambda a: y},
                   options={"ftol": 1e-12, "maxiter": 1000})
    alpha = res.x
    free = (alpha > 1e-6 * C) & (alpha < C * (1 - 1e-6))
    b = np.mean(y[free] - (alpha * y) @ K[:, free])
    return alpha, float(b)
# --8<-- [end:dual]


# --8<-- [start:kernels]
def k_linear(A: Array, B: Array) -> Array:
    return A @ B.T


def k_poly(A: Array, B: Array, degree: int, gamma: float, coef0: float) -> Array:
    return (gamma * A @ B.T + coef0) ** degree


def k_rbf(A: Array, B: Array, gamma: float) -> Array:
    """exp(-gamma ||a - b||^2), using ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a^T b."""
    sq = (A**2).sum(axis=1)[:, None] + (B**2).sum(axis=1)[None, :] - 2 * A @ B.T
    return np.exp(-gamma * np.maximum(sq, 0.0))
# --8<-- [end:kernels]


def two_blobs(rng: np.random.Generator, n: int, gap: float) -> tuple[Array, Array]:
    X = np.vstack([rng.normal(loc=-gap, size=(n, 2)), rng.normal(loc=gap, size=(n, 2))])
    return X, np.repeat([-1.0, 1.0], n)


# --8<-- [start:check-linear]
def check_hand_example() -> None:
    X = np.array([[1.0, 1.0], [-1.0, -1.0], [3.0, 3.0]])
    y = np.array([1.0, -1.0, 1.0])
    svc = SVC(kernel="linear", C=1e6).fit(X, y)
    w, b = svc.coef_[0], svc.intercept_[0]
    assert np.allclose(w, [0.5, 0.5], atol=1e-6) and abs(b) < 1e-6
    assert set(svc.support_) == {0, 1}                       # (3, 3) is not a support vector
    assert np.isclose(2 / np.linalg.norm(w), 2 * np.sqrt(2))  # distance between (1,1) and (-1,-1)
    print(f"hand example: w = {np.round(w, 4)}, b = {abs(b):.1e}, margin 2/||w|| = "
          f"{2 / np.linalg.norm(w):.4f} = 2 sqrt(2); support vectors {sorted(svc.support_.tolist())}")


def check_linear_svm(rng: np.random.Generator) -> None:
    X, y = two_blobs(rng, 30, gap=1.0)
    C = 1.0
    svc = SVC(kernel="linear", C=C, tol=1e-8).fit(X, y)
    f_ref = primal_objective(svc.coef_[0], svc.intercept_[0], X, y, C)

    w, b = fit_subgradient(X, y, C)
    f_sub = primal_objective(w, b, X, y, C)
    assert f_ref <= f_sub <= f_ref * 1.01
    print(f"primal objective: SVC {f_ref:.4f}, sub-gradient descent {f_sub:.4f}")

    alpha, b_dual = fit_dual(X, y, C)
    w_dual = (alpha * y) @ X                                  # w = sum_i alpha_i y_i x_i
    assert np.allclose(w_dual, svc.coef_[0], atol=1e-4) and np.isclose(b_dual, svc.intercept_[0], atol=1e-4)
    sv = alpha > 1e-6
    assert set(np.flatnonzero(sv)) == set(svc.support_)
    assert np.allclose(alpha[svc.support_] * y[svc.support_], svc.dual_coef_[0], atol=1e-4)
    m = y * (X @ w_dual + b_dual)
    tol = 1e-4
    assert np.all(m[~sv] >= 1 - tol)                          # alpha = 0: on or beyond the margin
    bound = alpha > C * (1 - 1e-6)
    assert np.allclose(m[sv & ~bound], 1, atol=tol)           # 0 < alpha < C: exactly on it
    assert np.all(m[bound] <= 1 + tol)                        # alpha = C: inside it or misclassified
    print(f"dual: {sv.sum()} support vectors ({(sv & ~bound).sum()} on the margin, "
          f"{bound.sum()} at alpha = C), w and b = SVC coef_ and intercept_, KKT conditions hold")
# --8<-- [end:check-linear]


# --8<-- [start:check-kernels]
def check_kernels(rng: np.random.Generator) -> None:
    A, B = rng.normal(size=(20, 3)), rng.normal(size=(15, 3))
    assert np.allclose(k_linear(A, B), linear_kernel(A, B))
    assert np.allclose(k_poly(A, B, 3, 0.5, 1.0), polynomial_kernel(A, B, degree=3, gamma=0.5, coef0=1.0))
    assert np.allclose(k_rbf(A, B, 0.7), rbf_kernel(A, B, gamma=0.7))
    for K in (k_linear(A, A), k_poly(A, A, 3, 0.5, 1.0), k_rbf(A, A, 0.7)):
        assert np.linalg.eigvalsh(K).min() > -1e-9            # Mercer: Gram matrix is PSD

    # (x^T z)^2 in 2-d is an inner product of phi(x) = (x1^2, sqrt(2) x1 x2, x2^2).
    phi = lambda v: np.array([v[0] ** 2, np.sqrt(2) * v[0] * v[1], v[1] ** 2])
    x, z = np.array([1.0, 2.0]), np.array([3.0, 1.0])
    assert np.isclose((x @ z) ** 2, phi(x) @ phi(z)) and np.isclose(phi(x) @ phi(z), 25.0)
    print("linear, polynomial, RBF kernels = sklearn.metrics.pairwise; Gram matrices PSD; "
          "(x.z)^2 = phi(x).phi(z) = 25")

    X, y = make_moons(n_samples=200, noise=0.2, random_state=0)
    svc = SVC(kernel="rbf", C=1.0, gamma=2.0).fit(X, y)
    f = svc.dual_coef_[0] @ k_rbf(svc.support_vectors_, X, 2.0) + svc.intercept_[0]
    assert np.allclose(f, svc.decision_function(X))
    print(f"RBF SVC decision function rebuilt from {len(svc.support_)} of 200 points "
          "as sum_i alpha_i y_i k(x_i, x) + b")
# --8<-- [end:check-kernels]


# --8<-- [start:check-c-gamma]
def check_c_and_gamma() -> None:
    X, y = make_moons(n_samples=200, noise=0.3, random_state=1)
    X_test, y_test = make_moons(n_samples=2000, noise=0.3, random_state=2)
    print("   C  gamma  train  test  n_SV")
    results = {}
    for C, gamma in [(0.01, 1.0), (1.0, 1.0), (100.0, 1.0), (1.0, 0.01), (1.0, 100.0)]:
        svc = SVC(C=C, gamma=gamma).fit(X, y)
        results[C, gamma] = (svc.score(X, y), svc.score(X_test, y_test), len(svc.support_))
        print(f"{C:>6g} {gamma:>5g}  {results[C, gamma][0]:.3f}  "
              f"{results[C, gamma][1]:.3f}  {results[C, gamma][2]:>4d}")
    assert results[0.01, 1.0][2] > results[1.0, 1.0][2] > results[100.0, 1.0][2]  # fewer SVs as C grows
    train, test, _ = results[1.0, 100.0]
    assert train - test > 0.08 and test < results[1.0, 1.0][1]                           # overfit
    assert results[1.0, 0.01][1] < results[1.0, 1.0][1]                                   # underfit
# --8<-- [end:check-c-gamma]


# --8<-- [start:check-svr]
def check_svr(rng: np.random.Generator) -> None:
    x = np.sort(rng.uniform(0, 6, size=80))
    y = np.sin(x) + rng.normal(scale=0.1, size=80)
    eps = 0.2
    svr = SVR(kernel="rbf", C=10.0, gamma=0.5, epsilon=eps, tol=1e-6).fit(x[:, None], y)
    r = np.abs(y - svr.predict(x[:, None]))
    sv = np.zeros(80, dtype=bool)
    sv[svr.support_] = True
    assert np.all(r[~sv] <= eps + 1e-3)        # non-support vectors sit inside the tube
    assert np.all(r[sv] >= eps - 1e-3)         # support vectors sit on or outside it
    print(f"SVR, epsilon = {eps}: {sv.sum()} of 80 points are support vectors, "
          f"all on or outside the tube; the other {80 - sv.sum()} cost nothing")
# --8<-- [end:check-svr]


def main() -> None:
    rng = np.random.default_rng(5)
    check_hand_example()
    check_linear_svm(rng)
    check_kernels(rng)
    check_c_and_gamma()
    check_svr(rng)
    print("all SVM checks passed")


if __name__ == "__main__":
    main()
