"""Maximum likelihood and maximum a posteriori estimates, checked against SciPy and scikit-learn.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/probabilistic_estimation.py

Closed-form MLEs are checked against numerical maximisers and scipy.stats fits; the Beta-Bernoulli
MAP and posterior mean against a numerical maximiser and scipy.stats.beta; MAP with a Gaussian
prior against sklearn's Ridge and MAP with a Laplace prior against sklearn's Lasso.
"""

from __future__ import annotations

import numpy as np
from scipy import stats
from scipy.optimize import minimize, minimize_scalar
from scipy.special import expit, logit
from sklearn.linear_model import Lasso, Ridge
from sklearn.metrics import log_loss

Array = np.ndarray


# --8<-- [start:mle]
def bernoulli_mle(flips: Array) -> float:
    """MLE of P(heads) from 0/1 flips: the fraction of heads, k / n."""
    return float(np.mean(flips))


def bernoulli_nll(p: float, k: int, n: int) -> float:
    """Negative log-likelihood of k heads in n flips (the binomial coefficient is a constant)."""
    return -(k * np.log(p) + (n - k) * np.log1p(-p))


def gaussian_mle(x: Array) -> tuple[float, float]:
    """MLE of a Gaussian's mean and variance; the variance divides by n, not n - 1."""
    mu = float(np.mean(x))
    var = float(np.mean((x - mu) ** 2))
    return mu, var
# --8<-- [end:mle]


# --8<-- [start:map]
def beta_bernoulli_map(k: int, n: int, a: float, b: float) -> float:
    """Mode of the Beta(a + k, b + n - k) posterior; needs a + k > 1 and b + n - k > 1."""
    return (k + a - 1) / (n + a + b - 2)


def beta_bernoulli_mean(k: int, n: int, a: float, b: float) -> float:
    """Mean of the Beta(a + k, b + n - k) posterior."""
    return (k + a) / (n + a + b)


def neg_log_posterior(p: float, k: int, n: int, a: float, b: float) -> float:
    """-log P(p | data) up to a constant: -log likelihood - log Beta(a, b) prior density."""
    return bernoulli_nll(p, k, n) - ((a - 1) * np.log(p) + (b - 1) * np.log1p(-p))
# --8<-- [end:map]


# --8<-- [start:map-regularisation]
def map_gaussian_prior(X: Array, y: Array, noise_var: float, prior_var: float) -> Array:
    """MAP weights for y = X w + N(0, noise_var) noise and prior w ~ N(0, prior_var I).

    Minimises ||y - X w||^2 / (2 noise_var) + ||w||^2 / (2 prior_var): ridge with
    lambda = noise_var / prior_var, solved in closed form.
    """
    lam = noise_var / prior_var
    n_features = X.shape[1]
    return np.linalg.solve(X.T @ X + lam * np.eye(n_features), X.T @ y)


def laplace_map_objective(w: Array, X: Array, y: Array, noise_var: float, scale: float) -> float:
    """-log posterior (up to a constant) for Gaussian noise and a Laplace(0, scale) prior."""
    return np.sum((y - X @ w) ** 2) / (2 * noise_var) + np.sum(np.abs(w)) / scale
# --8<-- [end:map-regularisation]


# --8<-- [start:check-mle]
def check_mle(rng: np.random.Generator) -> None:
    flips = rng.binomial(1, 0.3, size=50)
    k, n = int(flips.sum()), flips.size
    num = minimize_scalar(bernoulli_nll, bounds=(1e-9, 1 - 1e-9), args=(k, n),
                          method="bounded", options={"xatol": 1e-12})
    assert abs(bernoulli_mle(flips) - num.x) < 1e-6  # closed form = numerical maximiser
    # The mean negative log-likelihood is the cross-entropy (log loss) of a constant prediction.
    p_hat = bernoulli_mle(flips)
    assert np.isclose(bernoulli_nll(p_hat, k, n) / n, log_loss(flips, np.full(n, p_hat)))
    print(f"Bernoulli: {k} heads in {n} flips, MLE {p_hat:.4f} = numerical maximiser")

    x = rng.normal(loc=2.0, scale=1.5, size=40)
    mu, var = gaussian_mle(x)
    loc, scale = stats.norm.fit(x)  # SciPy's fit is the MLE
    assert np.isclose(mu, loc) and np.isclose(var, scale**2, rtol=1e-6)
    assert np.isclose(var, np.var(x, ddof=0)) and np.isclose(var * 40 / 39, np.var(x, ddof=1))
    print(f"Gaussian: MLE mean {mu:.4f}, variance {var:.4f} = scipy.stats.norm.fit")

    # Bias of the 1/n variance: E[sigma_hat^2] = (n - 1) / n * sigma^2. With n = 5 that is 0.8.
    samples = rng.normal(scale=1.0, size=(200_000, 5))
    mean_var = np.var(samples, axis=1, ddof=0).mean()
    print(f"average 1/n variance over samples of size 5: {mean_var:.4f} (theory 0.8)")
    assert abs(mean_var - 0.8) < 0.01

    # Asymptotic normality: sd of p_hat approaches sqrt(p (1 - p) / n), the inverse Fisher information.
    p_true, n_big = 0.3, 400
    p_hats = rng.binomial(n_big, p_true, size=100_000) / n_big
    sd_theory = np.sqrt(p_true * (1 - p_true) / n_big)
    print(f"sd of MLE over repeats, n={n_big}: {p_hats.std():.5f} (theory {sd_theory:.5f})")
    assert abs(p_hats.std() / sd_theory - 1) < 0.02

    # Least squares is the Gaussian MLE of the weights (any fixed noise variance).
    X = rng.normal(size=(60, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(scale=0.5, size=60)
    nll = lambda w: np.sum((y - X @ w) ** 2) / (2 * 0.25)
    w_mle = minimize(nll, np.zeros(3), method="BFGS", options={"gtol": 1e-10}).x
    assert np.allclose(w_mle, np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-6)
    print("Gaussian-noise MLE of w = numpy.linalg.lstsq solution")
# --8<-- [end:check-mle]


# --8<-- [start:check-map]
def check_map() -> None:
    k, n, a, b = 7, 10, 2.0, 2.0
    mle = k / n
    map_ = beta_bernoulli_map(k, n, a, b)
    mean = beta_bernoulli_mean(k, n, a, b)
    post = stats.beta(a + k, b + n - k)
    num = minimize_scalar(neg_log_posterior, bounds=(1e-9, 1 - 1e-9), args=(k, n, a, b),
                          method="bounded", options={"xatol": 1e-12})
    assert abs(map_ - num.x) < 1e-6 and np.isclose(mean, post.mean())
    assert np.isclose(map_, 8 / 12) and np.isclose(mean, 9 / 14)
    print(f"{k}/{n} heads, Beta({a:g}, {b:g}) prior: MLE {mle:.4f}, MAP {map_:.4f}, "
          f"posterior mean {mean:.4f}")

    # MAP is not invariant: the mode of the same posterior written over theta = logit(p)
    # picks up the Jacobian p (1 - p) and lands on (a + k) / (n + a + b), the p-space mean.
    neg_log_post_theta = lambda t: -(post.logpdf(expit(t)) + np.log(expit(t) * (1 - expit(t))))
    theta_map = minimize_scalar(neg_log_post_theta, bounds=(-10, 10), method="bounded",
                                options={"xatol": 1e-12}).x
    assert abs(expit(theta_map) - mean) < 1e-6 and abs(expit(theta_map) - map_) > 0.02
    print(f"MAP over logit(p) maps back to p = {expit(theta_map):.4f}, not {map_:.4f}")
    # The MLE is invariant: maximising over theta gives logit(k / n).
    theta_mle = minimize_scalar(lambda t: bernoulli_nll(expit(t), k, n), bounds=(-10, 10),
                                method="bounded", options={"xatol": 1e-12}).x
    assert abs(theta_mle - logit(mle)) < 1e-5
# --8<-- [end:check-map]


# --8<-- [start:check-regularisation]
def check_map_regularisation(rng: np.random.Generator) -> None:
    n_samples, n_features = 80, 6
    X = rng.normal(size=(n_samples, n_features))
    w_true = np.array([2.0, -1.0, 0.0, 0.0, 0.5, 0.0])
    noise_var = 0.5**2
    y = X @ w_true + rng.normal(scale=np.sqrt(noise_var), size=n_samples)

    # Gaussian prior -> ridge with alpha = noise_var / prior_var (sklearn: ||y - Xw||^2 + alpha ||w||^2).
    prior_var = 0.05
    w_map = map_gaussian_prior(X, y, noise_var, prior_var)
    ridge = Ridge(alpha=noise_var / prior_var, fit_intercept=False).fit(X, y)
    assert np.allclose(w_map, ridge.coef_, atol=1e-10)
    print(f"Gaussian prior (var {prior_var}) MAP = Ridge(alpha={noise_var / prior_var:g})")

    # Laplace prior -> lasso. sklearn minimises ||y - Xw||^2 / (2 n) + alpha ||w||_1, which is the
    # -log posterior times noise_var / n when alpha = noise_var / (n * scale).
    scale = 0.02
    alpha = noise_var / (n_samples * scale)
    w_l1 = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_
    # Optimality of the MAP objective: gradient of the smooth part + (1/scale) * subgradient = 0.
    g = -X.T @ (y - X @ w_l1) / noise_var
    nz = w_l1 != 0
    assert np.allclose(g[nz] + np.sign(w_l1[nz]) / scale, 0, atol=1e-6)
    assert np.all(np.abs(g[~nz]) <= 1 / scale + 1e-6)
    f0 = laplace_map_objective(w_l1, X, y, noise_var, scale)
    for _ in range(200):  # no nearby point has a lower -log posterior
        assert laplace_map_objective(w_l1 + 1e-3 * rng.normal(size=n_features),
                                     X, y, noise_var, scale) >= f0
    print(f"Laplace prior (scale {scale}) MAP = Lasso(alpha={alpha:g}); exact zeros at "
          f"{np.flatnonzero(~nz).tolist()}")
# --8<-- [end:check-regularisation]


def main() -> None:
    rng = np.random.default_rng(0)
    check_mle(rng)
    check_map()
    check_map_regularisation(rng)
    print("all MLE and MAP checks passed")


if __name__ == "__main__":
    main()
