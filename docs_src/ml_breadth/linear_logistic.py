"""Logistic and softmax regression from scratch, checked against SciPy and scikit-learn.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/linear_logistic.py

Checks: the stable sigmoid against scipy.special.expit and its derivative sigma (1 - sigma)
against finite differences; the mean cross-entropy against sklearn.metrics.log_loss; the gradient
X^T (p - y) / n against central differences; the Hessian is positive semi-definite; Newton's
method (IRLS) against sklearn's unpenalised LogisticRegression (C = inf); exp(w_j) as an odds
ratio; mean(p) = mean(y) at the optimum; weights that grow without bound on separable data; and
the softmax gradient and fit against sklearn's multinomial model.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy.special import expit, logsumexp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

Array = np.ndarray


def add_intercept(X: Array) -> Array:
    return np.column_stack([np.ones(len(X)), X])


# --8<-- [start:logistic]
def sigmoid(z: Array) -> Array:
    """1 / (1 + exp(-z)) without overflow: use exp(z) / (1 + exp(z)) for negative z."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def cross_entropy(w: Array, X: Array, y: Array) -> float:
    """Mean negative log-likelihood, written with logits z: log(1 + e^z) - y z."""
    z = X @ w
    return float(np.mean(np.logaddexp(0, z) - y * z))


def gradient(w: Array, X: Array, y: Array) -> Array:
    """X^T (p - y) / n."""
    return X.T @ (sigmoid(X @ w) - y) / len(y)


def hessian(w: Array, X: Array) -> Array:
    """X^T S X / n with S = diag(p (1 - p)): positive semi-definite, so the loss is convex."""
    p = sigmoid(X @ w)
    return (X * (p * (1 - p))[:, None]).T @ X / len(X)


def fit_newton(X: Array, y: Array, n_iter: int = 25) -> Array:
    """Newton's method, also called iteratively reweighted least squares (IRLS)."""
    w = np.zeros(X.shape[1])
    for _ in range(n_iter):
        w -= np.linalg.solve(hessian(w, X), gradient(w, X, y))
    return w
# --8<-- [end:logistic]


# --8<-- [start:check-logistic]
def check_logistic(rng: np.random.Generator) -> None:
    z = np.array([-1000.0, -30.0, -1.0, 0.0, 1.0, 30.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")                 # no overflow warning allowed
        assert np.allclose(sigmoid(z), expit(z), rtol=1e-15, atol=0)
    eps = 1e-6
    numeric = (sigmoid(z[1:-1] + eps) - sigmoid(z[1:-1] - eps)) / (2 * eps)
    s = sigmoid(z[1:-1])
    assert np.allclose(numeric, s * (1 - s), atol=1e-9)
    print("sigmoid = scipy expit from -1000 to 1000; derivative = sigma (1 - sigma)")

    n_samples = 400
    X = rng.normal(size=(n_samples, 3))
    w_true = np.array([-0.5, 2.0, -1.0, 0.5])           # bias first
    Xb = add_intercept(X)
    y = (rng.uniform(size=n_samples) < sigmoid(Xb @ w_true)).astype(float)

    w = rng.normal(size=4)
    assert np.isclose(cross_entropy(w, Xb, y), log_loss(y, sigmoid(Xb @ w)))
    numeric = np.array([(cross_entropy(w + eps * e_k, Xb, y) - cross_entropy(w - eps * e_k, Xb, y))
                        / (2 * eps) for e_k in np.eye(4)])
    rel_err = np.linalg.norm(numeric - gradient(w, Xb, y)) / np.linalg.norm(numeric)
    assert rel_err < 1e-7
    assert np.linalg.eigvalsh(hessian(w, Xb)).min() > 0
    print(f"cross-entropy = sklearn log_loss; gradient vs central differences: "
          f"relative error {rel_err:.1e}; Hessian positive definite")

    w_hat = fit_newton(Xb, y)
    sk = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(X, y)
    assert np.allclose(w_hat[1:], sk.coef_[0], atol=1e-5)
    assert np.isclose(w_hat[0], sk.intercept_[0], atol=1e-5)
    assert np.linalg.norm(gradient(w_hat, Xb, y)) < 1e-10
    # The score equation X^T (p - y) = 0 includes the intercept column: mean(p) = mean(y).
    assert np.isclose(sigmoid(Xb @ w_hat).mean(), y.mean())
    print(f"Newton/IRLS: b = {w_hat[0]:.4f}, w = {np.round(w_hat[1:], 4)} "
          f"= LogisticRegression(C=inf); mean(p) = mean(y) = {y.mean():.3f}")

    # Odds ratio: adding 1 to x_1 (others fixed) multiplies the odds by exp(w_1).
    x0 = add_intercept(X[:5])
    x1 = x0.copy()
    x1[:, 1] += 1
    odds = lambda Z: sigmoid(Z @ w_hat) / (1 - sigmoid(Z @ w_hat))
    assert np.allclose(odds(x1) / odds(x0), np.exp(w_hat[1]))
    dp = sigmoid(x1 @ w_hat) - sigmoid(x0 @ w_hat)
    print(f"odds ratio for x_1: exp({w_hat[1]:.3f}) = {np.exp(w_hat[1]):.2f} for every row; "
          f"the change in p varies: {np.round(dp, 3)}")
# --8<-- [end:check-logistic]


# --8<-- [start:check-separable]
def check_separable(rng: np.random.Generator) -> None:
    X = np.vstack([rng.normal(loc=-2, size=(30, 2)), rng.normal(loc=2, size=(30, 2))])
    y = np.repeat([0.0, 1.0], 30)
    Xb = add_intercept(X)
    lr, w, norms = 1.0, np.zeros(3), {}
    for t in range(1, 100_001):
        w -= lr * gradient(w, Xb, y)
        if t in (100, 1_000, 10_000, 100_000):
            norms[t] = (np.linalg.norm(w), cross_entropy(w, Xb, y))
    assert np.all(np.sign(Xb @ w) == 2 * y - 1)          # perfectly separated
    vals = [v[0] for v in norms.values()]
    assert all(a < b for a, b in zip(vals, vals[1:]))     # ||w|| keeps growing
    print("separable data, plain GD: " + ", ".join(
        f"t={t}: ||w|| = {n:.1f}, loss = {l:.1e}" for t, (n, l) in norms.items()))
    sk_norms = [np.linalg.norm(LogisticRegression(C=C, max_iter=10_000).fit(X, y).coef_)
                for C in (0.1, 1.0, 10.0)]
    assert sk_norms[0] < sk_norms[1] < sk_norms[2]
    print(f"with an L2 penalty the norm stays finite: C = 0.1, 1, 10 -> ||w|| = "
          f"{', '.join(f'{v:.2f}' for v in sk_norms)}")
# --8<-- [end:check-separable]


# --8<-- [start:softmax]
def softmax(Z: Array) -> Array:
    """Row-wise softmax, shifted by the row maximum so exp never overflows."""
    Z = Z - Z.max(axis=1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def softmax_loss_and_grad(W: Array, X: Array, Y: Array) -> tuple[float, Array]:
    """Mean cross-entropy for one-hot Y (n, K) and W (d, K); the gradient is X^T (P - Y) / n."""
    Z = X @ W
    loss = float(np.mean(logsumexp(Z, axis=1) - np.sum(Y * Z, axis=1)))
    return loss, X.T @ (softmax(Z) - Y) / len(X)
# --8<-- [end:softmax]


# --8<-- [start:check-softmax]
def check_softmax(rng: np.random.Generator) -> None:
    n_samples, n_classes = 300, 3
    centres = np.array([[0.0, 2.0], [2.0, -1.0], [-2.0, -1.0]])
    labels = rng.integers(n_classes, size=n_samples)
    X = centres[labels] + 1.5 * rng.normal(size=(n_samples, 2))
    Xb, Y = add_intercept(X), np.eye(n_classes)[labels]

    W = rng.normal(size=(3, n_classes))
    eps = 1e-6
    _, g = softmax_loss_and_grad(W, Xb, Y)
    numeric = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        E = np.zeros_like(W)
        E[idx] = eps
        numeric[idx] = (softmax_loss_and_grad(W + E, Xb, Y)[0]
                        - softmax_loss_and_grad(W - E, Xb, Y)[0]) / (2 * eps)
    assert np.allclose(numeric, g, atol=1e-8)
    # Adding the same vector to every class's weights changes nothing: one class is redundant.
    shift = rng.normal(size=(3, 1))
    assert np.allclose(softmax(Xb @ (W + shift)), softmax(Xb @ W))

    W = np.zeros((3, n_classes))
    for _ in range(5_000):
        W -= 0.5 * softmax_loss_and_grad(W, Xb, Y)[1]
    sk = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(X, labels)
    assert np.allclose(softmax(Xb @ W), sk.predict_proba(X), atol=1e-4)
    print("softmax gradient X^T (P - Y) / n matches central differences; "
          "GD probabilities = sklearn multinomial LogisticRegression(C=inf)")
# --8<-- [end:check-softmax]


def main() -> None:
    rng = np.random.default_rng(3)
    check_logistic(rng)
    check_separable(rng)
    check_softmax(rng)
    print("all logistic-regression checks passed")


if __name__ == "__main__":
    main()
