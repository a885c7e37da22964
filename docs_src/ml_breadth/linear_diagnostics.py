"""Residual diagnostics for least squares, checked against scikit-learn, SciPy and brute force.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/linear_diagnostics.py

R^2 is checked against sklearn.metrics.r2_score, leverage against the diagonal of the hat matrix,
Cook's distance (closed form) against refitting the model n times with one point left out, and
the Q-Q correlation against scipy.stats.probplot. Three simulated data sets show the residual
patterns the page describes: a curve (missed non-linearity), a funnel (heteroscedasticity) and
heavy tails.
"""

from __future__ import annotations

import numpy as np
from scipy import stats
from sklearn.metrics import r2_score

Array = np.ndarray


def add_intercept(X: Array) -> Array:
    return np.column_stack([np.ones(len(X)), X])


# --8<-- [start:diagnostics]
def ols_diagnostics(X: Array, y: Array) -> dict[str, Array | float]:
    """Fit OLS (X already holds a column of ones) and return residual diagnostics."""
    n_samples, n_params = X.shape
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    y_hat = X @ w
    e = y - y_hat                                   # residuals
    Q, _ = np.linalg.qr(X)
    h = np.sum(Q**2, axis=1)                        # leverage h_ii = diag(X (X^T X)^{-1} X^T)
    s2 = e @ e / (n_samples - n_params)             # unbiased noise variance estimate
    r_student = e / np.sqrt(s2 * (1 - h))           # internally studentised residuals
    cooks = r_student**2 * h / ((1 - h) * n_params)  # Cook's distance
    r2 = 1 - e @ e / np.sum((y - y.mean()) ** 2)
    return {"w": w, "y_hat": y_hat, "e": e, "h": h, "s2": s2, "cooks": cooks, "r2": r2}


def cooks_brute_force(X: Array, y: Array) -> Array:
    """Definition: D_i = ||y_hat - y_hat_(i)||^2 / (p s^2), refitting without point i."""
    n_samples, n_params = X.shape
    full = ols_diagnostics(X, y)
    out = np.empty(n_samples)
    for i in range(n_samples):
        keep = np.arange(n_samples) != i
        w_i = np.linalg.lstsq(X[keep], y[keep], rcond=None)[0]
        out[i] = np.sum((full["y_hat"] - X @ w_i) ** 2) / (n_params * full["s2"])
    return out
# --8<-- [end:diagnostics]


# --8<-- [start:check-diagnostics]
def check_leverage_and_cooks(rng: np.random.Generator) -> None:
    # Hand example: x = 1, 2, 3 gives h_ii = 1/n + (x_i - x_bar)^2 / S_xx = 5/6, 1/3, 5/6.
    x = np.array([1.0, 2.0, 3.0])
    d = ols_diagnostics(add_intercept(x[:, None]), np.array([1.0, 2.0, 2.0]))
    assert np.allclose(d["h"], [5 / 6, 1 / 3, 5 / 6]) and np.isclose(d["r2"], 0.75)
    print(f"hand example: leverage {np.round(d['h'], 4)}, R^2 = {d['r2']:.2f}")

    n_samples = 40
    x = rng.uniform(0, 10, size=n_samples)
    y = 2.0 + 0.5 * x + rng.normal(scale=1.0, size=n_samples)
    x[0], y[0] = 25.0, 2.0                       # far out in x AND off the line: influential
    X = add_intercept(x[:, None])
    d = ols_diagnostics(X, y)
    assert np.isclose(d["r2"], r2_score(y, d["y_hat"]))
    assert np.isclose(d["r2"], np.corrcoef(y, d["y_hat"])[0, 1] ** 2)  # OLS with an intercept
    assert np.isclose(d["h"].sum(), 2) and np.all((d["h"] > 0) & (d["h"] < 1))
    assert np.allclose(d["cooks"], cooks_brute_force(X, y))
    top = int(np.argmax(d["cooks"]))
    assert top == 0 and d["cooks"][0] > 1
    print(f"R^2 = {d['r2']:.3f} = r2_score = corr(y, y_hat)^2; leverages sum to p = 2")
    print(f"Cook's distance closed form = leave-one-out refits; point 0: h = {d['h'][0]:.2f}, "
          f"D = {d['cooks'][0]:.1f} (next largest D = {np.sort(d['cooks'])[-2]:.2f})")
    d_wo = ols_diagnostics(X[1:], y[1:])
    assert d_wo["r2"] > 0.5 and abs(d_wo["w"][1] - 0.5) < abs(d["w"][1] - 0.5)
    print(f"slope {d['w'][1]:.3f} with point 0, {d_wo['w'][1]:.3f} without (true 0.5); "
          f"R^2 {d['r2']:.3f} -> {d_wo['r2']:.3f}")
# --8<-- [end:check-diagnostics]


# --8<-- [start:check-patterns]
def check_residual_patterns(rng: np.random.Generator) -> None:
    n_samples = 300
    x = rng.uniform(0, 4, size=n_samples)
    X = add_intercept(x[:, None])
    cases = {
        "well specified": 1 + 2 * x + rng.normal(scale=1.0, size=n_samples),
        "curved truth": 1 + 0.8 * x**2 + rng.normal(scale=1.0, size=n_samples),
        "funnel": 1 + 2 * x + rng.normal(size=n_samples) * (0.2 + 0.8 * x),
        "heavy tails": 1 + 2 * x + stats.t(df=2).rvs(size=n_samples, random_state=rng),
    }
    for name, y in cases.items():
        d = ols_diagnostics(X, y)
        e, y_hat = d["e"], d["y_hat"]
        # Curvature: do residuals track a centred quadratic in the fitted values?
        curve = np.corrcoef(e, (y_hat - y_hat.mean()) ** 2)[0, 1]
        # Funnel: does the residual size grow with the fitted value?
        funnel = np.corrcoef(np.abs(e), y_hat)[0, 1]
        # Q-Q plot: correlation of sorted residuals with normal quantiles (1 = straight line).
        (osm, osr), (_, _, qq_r) = stats.probplot(e, dist="norm")
        z = stats.norm.ppf((np.arange(1, n_samples + 1) - 0.3175) / (n_samples + 0.365))
        z[-1] = stats.norm.ppf(0.5 ** (1 / n_samples)); z[0] = -z[-1]  # Filliben's end points
        assert np.allclose(osm, z) and np.isclose(qq_r, np.corrcoef(z, np.sort(e))[0, 1])
        print(f"{name:>14}: corr(e, centred y_hat^2) = {curve:+.2f}, "
              f"corr(|e|, y_hat) = {funnel:+.2f}, Q-Q r = {qq_r:.3f}")
        if name == "well specified":
            assert abs(curve) < 0.15 and abs(funnel) < 0.15 and qq_r > 0.99
        elif name == "curved truth":
            assert curve > 0.5
        elif name == "funnel":
            assert funnel > 0.4
        else:
            assert qq_r < 0.95
# --8<-- [end:check-patterns]


def main() -> None:
    rng = np.random.default_rng(1)
    check_leverage_and_cooks(rng)
    check_residual_patterns(rng)
    print("all diagnostics checks passed")


if __name__ == "__main__":
    main()
