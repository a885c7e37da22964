"""Multiple and multi-output regression, checked against NumPy and scikit-learn.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/linear_multivariate.py

Checks: a multiple-regression coefficient equals the slope after partialling the other features
out of both x_j and y (Frisch-Waugh-Lovell), and differs from the simple-regression slope when
features are correlated (omitted-variable bias); hand-built interaction and polynomial columns
match sklearn's PolynomialFeatures; one-hot encoding every level next to an intercept is rank
deficient (the dummy-variable trap) while drop="first" is not, and the dummy weights are
differences from the baseline level; a multi-output fit W of shape (d, k) equals k separate fits
and sklearn's LinearRegression (whose coef_ is W transposed).
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.preprocessing import OneHotEncoder, PolynomialFeatures

Array = np.ndarray


def add_intercept(X: Array) -> Array:
    return np.column_stack([np.ones(len(X)), X])


def lstsq(X: Array, y: Array) -> Array:
    return np.linalg.lstsq(X, y, rcond=None)[0]


# --8<-- [start:holding-fixed]
def partial_out(target: Array, others: Array) -> Array:
    """Residual of target after regressing it on the other columns (with an intercept)."""
    Z = add_intercept(others)
    return target - Z @ lstsq(Z, target)


def check_holding_fixed(rng: np.random.Generator) -> None:
    n_samples = 500
    size = rng.normal(size=n_samples)                          # e.g. house size
    rooms = 0.8 * size + 0.6 * rng.normal(size=n_samples)      # correlated with size
    price = 3.0 * size - 1.0 * rooms + rng.normal(scale=0.5, size=n_samples)
    X = np.column_stack([size, rooms])

    w_multi = LinearRegression().fit(X, price).coef_
    # Frisch-Waugh-Lovell: w_rooms is the slope of "price not explained by size"
    # on "rooms not explained by size".
    r_rooms, r_price = partial_out(rooms, size[:, None]), partial_out(price, size[:, None])
    w_fwl = (r_rooms @ r_price) / (r_rooms @ r_rooms)
    assert np.isclose(w_multi[1], w_fwl)

    w_simple = LinearRegression().fit(rooms[:, None], price).coef_[0]
    # Omitted-variable bias: simple slope = w_rooms + w_size * cov(rooms, size) / var(rooms).
    delta = np.cov(rooms, size)[0, 1] / np.var(rooms, ddof=1)
    assert np.isclose(w_simple, w_multi[1] + w_multi[0] * delta)
    assert w_simple > 0 > w_multi[1]
    print(f"rooms: multiple-regression weight {w_multi[1]:+.3f} = FWL slope {w_fwl:+.3f}; "
          f"simple-regression slope {w_simple:+.3f} (sign flips when size is left out)")
# --8<-- [end:holding-fixed]


# --8<-- [start:features]
def check_interactions_and_dummies(rng: np.random.Generator) -> None:
    X = rng.normal(size=(6, 2))
    x1, x2 = X[:, 0], X[:, 1]
    by_hand = np.column_stack([x1, x2, x1**2, x1 * x2, x2**2])   # degree-2 expansion
    poly = PolynomialFeatures(degree=2, include_bias=False).fit(X)
    assert np.allclose(poly.transform(X), by_hand)
    print(f"PolynomialFeatures(2) columns {list(poly.get_feature_names_out(['x1', 'x2']))}")

    # A categorical feature with three levels and a known effect per level.
    n_samples = 300
    city = rng.choice(np.array(["Leeds", "London", "York"]), size=n_samples)
    effect = {"Leeds": 10.0, "London": 25.0, "York": 12.0}
    y = np.array([effect[c] for c in city]) + rng.normal(size=n_samples)

    full = OneHotEncoder(sparse_output=False).fit_transform(city[:, None])
    trap = add_intercept(full)                     # the three dummies sum to the intercept column
    assert np.linalg.matrix_rank(trap) == 3 < trap.shape[1]

    enc = OneHotEncoder(drop="first", sparse_output=False).fit(city[:, None])
    Xd = add_intercept(enc.transform(city[:, None]))   # Leeds is the baseline
    assert np.linalg.matrix_rank(Xd) == Xd.shape[1] == 3
    b, w_london, w_york = lstsq(Xd, y)
    means = {c: y[city == c].mean() for c in effect}
    assert np.isclose(b, means["Leeds"])
    assert np.isclose(w_london, means["London"] - means["Leeds"])
    assert np.isclose(w_york, means["York"] - means["Leeds"])
    print(f"all 3 dummies + intercept: rank 3 of 4 columns (trap); drop='first': full rank, "
          f"b = {b:.2f} (Leeds mean), London {w_london:+.2f}, York {w_york:+.2f} vs Leeds")
# --8<-- [end:features]


# --8<-- [start:multi-output]
def check_multi_output(rng: np.random.Generator) -> None:
    n_samples, n_features, n_targets = 120, 4, 3
    X = rng.normal(size=(n_samples, n_features))
    W_true = rng.normal(size=(n_features, n_targets))
    Y = X @ W_true + rng.normal(scale=0.1, size=(n_samples, n_targets))   # Y: (n, k)

    W = lstsq(X, Y)                                                        # W: (d, k)
    W_cols = np.column_stack([lstsq(X, Y[:, k]) for k in range(n_targets)])
    assert W.shape == (n_features, n_targets) and np.allclose(W, W_cols)
    sk = LinearRegression(fit_intercept=False).fit(X, Y)
    assert sk.coef_.shape == (n_targets, n_features) and np.allclose(sk.coef_, W.T)
    print(f"multi-output: W {W.shape} = {n_targets} separate fits = LinearRegression coef_.T")
# --8<-- [end:multi-output]


def main() -> None:
    rng = np.random.default_rng(2)
    check_holding_fixed(rng)
    check_interactions_and_dummies(rng)
    check_multi_output(rng)
    print("all multiple-regression checks passed")


if __name__ == "__main__":
    main()
