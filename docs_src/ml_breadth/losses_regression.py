"""Regression losses and their gradients from scratch, checked against scikit-learn and SciPy.

Run from any folder:

    python docs_src/ml_breadth/losses_regression.py

Checks: each loss against sklearn.metrics or scipy.special, each gradient against
central finite differences, the Gaussian and Laplace likelihood links against scipy.stats,
the best constant prediction under each loss (mean, median, quantile), and how a line fit
reacts to outliers under squared, Huber and absolute loss.
"""

from __future__ import annotations

import numpy as np
from scipy import special, stats
from scipy.optimize import minimize_scalar
from sklearn.linear_model import HuberRegressor, LinearRegression, QuantileRegressor
from sklearn.metrics import mean_absolute_error, mean_pinball_loss, mean_squared_error

Array = np.ndarray


# --8<-- [start:losses]
# Each loss takes targets y and predictions y_hat and returns the MEAN over samples;
# each *_grad returns d(loss)/d(y_hat) for every sample (so it carries the 1/n).
def squared(y: Array, y_hat: Array) -> float:
    """Mean squared error: mean of (y - y_hat)^2."""
    return float(np.mean((y - y_hat) ** 2))


def squared_grad(y: Array, y_hat: Array) -> Array:
    return 2.0 * (y_hat - y) / y.size


def absolute(y: Array, y_hat: Array) -> float:
    """Mean absolute error: mean of |y - y_hat|."""
    return float(np.mean(np.abs(y - y_hat)))


def absolute_grad(y: Array, y_hat: Array) -> Array:
    # A subgradient: at a zero residual any value in [-1, 1] is valid; sign() picks 0.
    return np.sign(y_hat - y) / y.size


def huber(y: Array, y_hat: Array, delta: float = 1.0) -> float:
    """Quadratic for |r| <= delta, linear beyond: 0.5 r^2 or delta (|r| - delta/2)."""
    r = np.abs(y - y_hat)
    return float(np.mean(np.where(r <= delta, 0.5 * r**2, delta * (r - 0.5 * delta))))


def huber_grad(y: Array, y_hat: Array, delta: float = 1.0) -> Array:
    # The residual, clipped to [-delta, delta]: large errors pull with a capped force.
    return np.clip(y_hat - y, -delta, delta) / y.size


def pinball(y: Array, y_hat: Array, tau: float) -> float:
    """Quantile loss: tau * r if r >= 0 else (tau - 1) * r, with r = y - y_hat."""
    r = y - y_hat
    return float(np.mean(np.maximum(tau * r, (tau - 1.0) * r)))


def pinball_grad(y: Array, y_hat: Array, tau: float) -> Array:
    # Under-predicting (y > y_hat) costs tau per unit, over-predicting costs 1 - tau.
    return np.where(y > y_hat, -tau, 1.0 - tau) / y.size
# --8<-- [end:losses]


def numeric_grad(f, y: Array, y_hat: Array, h: float = 1e-6) -> Array:
    """Central finite differences of f(y, y_hat) with respect to every y_hat[i]."""
    g = np.empty_like(y_hat)
    for i in range(y_hat.size):
        e = np.zeros_like(y_hat)
        e[i] = h
        g[i] = (f(y, y_hat + e) - f(y, y_hat - e)) / (2 * h)
    return g


def main() -> None:
    # --8<-- [start:check-losses]
    rng = np.random.default_rng(0)
    y = rng.normal(size=50)
    y_hat = y + rng.standard_t(df=2, size=50)  # heavy-tailed errors: some large residuals
    tau, delta = 0.9, 1.0

    assert np.isclose(squared(y, y_hat), mean_squared_error(y, y_hat), rtol=1e-12)
    assert np.isclose(absolute(y, y_hat), mean_absolute_error(y, y_hat), rtol=1e-12)
    assert np.isclose(pinball(y, y_hat, tau), mean_pinball_loss(y, y_hat, alpha=tau), rtol=1e-12)
    assert np.isclose(huber(y, y_hat, delta), np.mean(special.huber(delta, y - y_hat)), rtol=1e-12)
    assert np.isclose(pinball(y, y_hat, 0.5), 0.5 * absolute(y, y_hat))  # tau = 0.5 is half the MAE
    print("losses match sklearn.metrics and scipy.special.huber (rtol 1e-12)")

    for name, f, g in [
        ("squared", squared, squared_grad),
        ("absolute", absolute, absolute_grad),
        ("huber", lambda a, b: huber(a, b, delta), lambda a, b: huber_grad(a, b, delta)),
        ("pinball", lambda a, b: pinball(a, b, tau), lambda a, b: pinball_grad(a, b, tau)),
    ]:
        # No residual sits within 1e-6 of a kink here, so finite differences are valid.
        assert np.allclose(g(y, y_hat), numeric_grad(f, y, y_hat), atol=1e-8), name
    print("gradients match central finite differences (atol 1e-8)")
    # --8<-- [end:check-losses]

    # --8<-- [start:check-mle]
    # Squared error is the Gaussian negative log-likelihood up to scale and a constant;
    # absolute error is the Laplace negative log-likelihood in the same sense.
    sigma, b = 1.7, 0.8
    r = y - y_hat
    gauss_nll = -np.sum(stats.norm.logpdf(y, loc=y_hat, scale=sigma))
    assert np.isclose(gauss_nll, np.sum(r**2) / (2 * sigma**2) + y.size * np.log(sigma * np.sqrt(2 * np.pi)))
    laplace_nll = -np.sum(stats.laplace.logpdf(y, loc=y_hat, scale=b))
    assert np.isclose(laplace_nll, np.sum(np.abs(r)) / b + y.size * np.log(2 * b))
    print("Gaussian NLL = SSE/(2 sigma^2) + const; Laplace NLL = SAE/b + const (scipy.stats)")
    # --8<-- [end:check-mle]

    # --8<-- [start:check-constant]
    # The best single number c to predict for every sample, under each loss.
    data = np.concatenate([rng.normal(10.0, 1.0, size=99), [1000.0]])  # one wild outlier
    best = {
        name: minimize_scalar(lambda c: f(data, np.full_like(data, c)),
                              bounds=(0, 1100), method="bounded",
                              options={"xatol": 1e-9}).x
        for name, f in [("squared", squared), ("absolute", absolute),
                        ("huber", huber), ("pinball 0.9", lambda a, b: pinball(a, b, 0.9))]
    }
    assert np.isclose(best["squared"], data.mean(), atol=1e-6)
    assert np.quantile(data, 0.5, method="lower") - 1e-6 <= best["absolute"] <= np.quantile(data, 0.5, method="higher") + 1e-6
    assert np.quantile(data, 0.9, method="lower") - 1e-6 <= best["pinball 0.9"] <= np.quantile(data, 0.9, method="higher") + 1e-6
    for name, c in best.items():
        print(f"best constant under {name:<12}: {c:8.3f}")
    print(f"(mean {data.mean():.3f}, median {np.median(data):.3f}, 0.9-quantile {np.quantile(data, 0.9):.3f})")
    # --8<-- [end:check-constant]

    # --8<-- [start:check-outliers]
    # A line y = 2x + 1 with 10 % of the targets replaced by large positive errors.
    X = rng.uniform(0, 10, size=(200, 1))
    y_line = 2.0 * X[:, 0] + 1.0 + rng.normal(0, 0.5, size=200)
    y_line[:20] += 40.0
    fits = {
        "squared (OLS)": LinearRegression().fit(X, y_line),
        "Huber": HuberRegressor(epsilon=1.35).fit(X, y_line),
        "absolute (median)": QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs").fit(X, y_line),
    }
    for name, model in fits.items():
        print(f"{name:<18} slope {model.coef_[0]:.3f}  intercept {model.intercept_:6.3f}")
    assert abs(fits["squared (OLS)"].intercept_ - 1.0) > 2.0     # dragged up by the outliers
    assert abs(fits["Huber"].intercept_ - 1.0) < 1.0
    assert abs(fits["absolute (median)"].intercept_ - 1.0) < 1.0
    print("Huber and absolute loss ignore the outliers that move the OLS line")
    # --8<-- [end:check-outliers]


if __name__ == "__main__":
    main()
