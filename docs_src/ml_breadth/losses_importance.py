"""Feature importance: coefficients, impurity, permutation, Shapley values and partial dependence.

Run from any folder:

    python docs_src/ml_breadth/losses_importance.py

Checks: standardised coefficients do not depend on the unit of a feature; permutation importance
from scratch agrees with sklearn.inspection.permutation_importance; impurity importance rewards
a pure-noise continuous feature that permutation importance on held-out data ignores; a
correlated copy of a feature splits its importance; exact Shapley values by enumeration satisfy
additivity and, for a linear model, equal w_j (x_j - mean_j); partial dependence from scratch
equals sklearn.inspection.partial_dependence.
"""

from __future__ import annotations

import itertools
from math import factorial
from typing import Callable

import numpy as np
from sklearn.ensemble import GradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor
from sklearn.inspection import partial_dependence, permutation_importance
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split

Array = np.ndarray


def fmt(values: Array, digits: int = 3) -> str:
    """Fixed-point printing for short vectors (no scientific notation, no negative zero)."""
    return "[" + " ".join(f"{v + 0.0:.{digits}f}" for v in np.round(values, digits)) + "]"


# --8<-- [start:permutation]
def permutation_importance_scratch(model, X: Array, y: Array, score: Callable, n_repeats: int,
                                   rng: np.random.Generator) -> Array:
    """Mean drop in score when one column of held-out X is shuffled, breaking its link to y."""
    baseline = score(y, model.predict(X))
    drops = np.zeros((X.shape[1], n_repeats))
    for j in range(X.shape[1]):
        for r in range(n_repeats):
            X_perm = X.copy()
            X_perm[:, j] = rng.permutation(X_perm[:, j])
            drops[j, r] = baseline - score(y, model.predict(X_perm))
    return drops.mean(axis=1)
# --8<-- [end:permutation]


# --8<-- [start:shapley]
def shapley_values(f: Callable[[Array], Array], x: Array, background: Array) -> Array:
    """Exact interventional Shapley values of f at x: 2^d coalitions, so only for small d.

    v(S) = mean over background rows of f with the features in S set to x's values.
    phi_j = sum over S not containing j of |S|! (d - |S| - 1)! / d! * (v(S + j) - v(S)).
    """
    d = x.size

    def v(S: tuple[int, ...]) -> float:
        Z = background.copy()
        Z[:, list(S)] = x[list(S)]
        return float(f(Z).mean())

    phi = np.zeros(d)
    for j in range(d):
        others = [k for k in range(d) if k != j]
        for size in range(d):
            weight = factorial(size) * factorial(d - size - 1) / factorial(d)
            for S in itertools.combinations(others, size):
                phi[j] += weight * (v(S + (j,)) - v(S))
    return phi
# --8<-- [end:shapley]


# --8<-- [start:pdp]
def partial_dependence_scratch(model, X: Array, feature: int, grid: Array) -> Array:
    """Average prediction when every row's `feature` is set to each grid value in turn."""
    averages = []
    for value in grid:
        X_mod = X.copy()
        X_mod[:, feature] = value
        averages.append(model.predict(X_mod).mean())
    return np.array(averages)
# --8<-- [end:pdp]


def main() -> None:
    rng = np.random.default_rng(0)

    # --8<-- [start:check-coefficients]
    X = rng.normal(size=(200, 3))
    y = X @ np.array([1.0, 2.0, 0.5]) + 0.1 * rng.normal(size=200)
    X_grams = X.copy()
    X_grams[:, 0] *= 1000.0                        # feature 0 now in grams, not kilograms
    raw = LinearRegression().fit(X_grams, y).coef_
    std = LinearRegression().fit((X_grams - X_grams.mean(0)) / X_grams.std(0), y).coef_
    assert np.allclose(raw * X_grams.std(0), std)  # standardised coef = raw coef * feature std
    print(f"raw coefficients {fmt(raw, 4)} depend on units; standardised {fmt(std)} do not")
    # --8<-- [end:check-coefficients]

    # --8<-- [start:check-permutation]
    X = rng.normal(size=(600, 4))
    y = 3 * X[:, 0] + np.sin(2 * X[:, 1]) + X[:, 0] * X[:, 2] + 0.3 * rng.normal(size=600)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
    forest = RandomForestRegressor(n_estimators=50, min_samples_leaf=3, random_state=0).fit(X_tr, y_tr)
    mine = permutation_importance_scratch(forest, X_te, y_te, r2_score, n_repeats=30, rng=rng)
    ref = permutation_importance(forest, X_te, y_te, scoring="r2", n_repeats=30, random_state=0)
    print(f"permutation importance (drop in R^2): {fmt(mine)}  sklearn: {fmt(ref.importances_mean)}")
    # Different random shuffles, so agreement is statistical: within 0.03 R^2, same ranking.
    assert np.allclose(mine, ref.importances_mean, atol=0.03)
    assert np.array_equal(np.argsort(mine), np.argsort(ref.importances_mean))
    # --8<-- [end:check-permutation]

    # --8<-- [start:check-impurity-bias]
    # The label depends only on a binary feature; the second column is continuous pure noise.
    n = 1000
    informative = rng.integers(0, 2, size=n)
    y = np.where(rng.random(n) < 0.8, informative, 1 - informative)   # 20 % label noise
    X = np.column_stack([informative, rng.normal(size=n)]).astype(float)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
    clf = RandomForestClassifier(n_estimators=100, random_state=0).fit(X_tr, y_tr)
    perm = permutation_importance(clf, X_te, y_te, n_repeats=20, random_state=0).importances_mean
    print(f"impurity importance [binary, noise] = {fmt(clf.feature_importances_)}")
    print(f"permutation importance on test      = {fmt(perm)}")
    assert clf.feature_importances_[1] > 0.5       # most of the impurity decrease goes to noise
    assert perm[1] < 0.02 < perm[0]                # held-out data sees through it
    # --8<-- [end:check-impurity-bias]

    # --8<-- [start:check-correlated]
    X = rng.normal(size=(600, 3))
    y = 2 * X[:, 0] + X[:, 1] + 0.3 * rng.normal(size=600)
    X_copy = np.column_stack([X, X[:, 0] + 0.05 * rng.normal(size=600)])  # near-copy of feature 0
    for name, data in [("without copy", X), ("with copy", X_copy)]:
        X_tr, X_te, y_tr, y_te = train_test_split(data, y, random_state=0)
        model = RandomForestRegressor(n_estimators=50, random_state=0).fit(X_tr, y_tr)
        imp = permutation_importance(model, X_te, y_te, n_repeats=10, random_state=0).importances_mean
        print(f"{name:<13} permutation importance {fmt(imp, 2)}")
    # --8<-- [end:check-correlated]

    # --8<-- [start:check-shapley]
    background = rng.normal(size=(200, 4))
    x = np.array([1.0, -0.5, 2.0, 0.3])

    linear = LinearRegression().fit(background, background @ [2.0, -1.0, 0.5, 0.0] + 1.0)
    phi = shapley_values(linear.predict, x, background)
    assert np.allclose(phi, linear.coef_ * (x - background.mean(axis=0)), atol=1e-10)

    f = lambda Z: Z[:, 0] * Z[:, 1] + np.sin(Z[:, 2])                 # feature 3 unused
    phi = shapley_values(f, x, background)
    assert np.isclose(phi.sum(), f(x[None, :])[0] - f(background).mean())  # additivity
    assert abs(phi[3]) < 1e-12                                             # dummy feature gets 0
    print(f"Shapley values {fmt(phi)} sum to f(x) - E f = {phi.sum():.3f}; linear case w_j (x_j - mean_j)")
    # --8<-- [end:check-shapley]

    # --8<-- [start:check-pdp]
    X = rng.uniform(-2, 2, size=(300, 3))
    y = X[:, 0] ** 2 + X[:, 1] + 0.1 * rng.normal(size=300)
    gbr = GradientBoostingRegressor(n_estimators=50, random_state=0).fit(X, y)
    ref = partial_dependence(gbr, X, features=[0], method="brute", grid_resolution=20)
    mine = partial_dependence_scratch(gbr, X, 0, ref["grid_values"][0])
    assert np.allclose(mine, ref["average"][0], atol=1e-12)
    print("partial dependence from scratch matches sklearn (method='brute', atol 1e-12)")
    # --8<-- [end:check-pdp]


if __name__ == "__main__":
    main()
