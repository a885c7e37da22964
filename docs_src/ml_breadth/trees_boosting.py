"""Boosting from scratch: bagging vs boosting, binary AdaBoost, gradient boosting, XGBoost's split.

Run from anywhere:

    python docs_src/ml_breadth/trees_boosting.py

The asserts check a from-scratch binary AdaBoost against sklearn's AdaBoostClassifier, a
from-scratch squared-loss gradient boosting against GradientBoostingRegressor, and XGBoost's
second-order leaf weight and gain against HistGradientBoostingClassifier, which uses the same
formulas (its gain omits the 1/2 factor and the gamma term).
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import make_classification, make_friedman1, make_hastie_10_2
from sklearn.ensemble import (AdaBoostClassifier, BaggingClassifier, GradientBoostingRegressor,
                              HistGradientBoostingClassifier)
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

Array = np.ndarray


# --8<-- [start:bagging-vs-boosting]
def check_bagging_vs_boosting() -> None:
    """Bagging barely helps a biased stump; boosting does. (The simulated example of ESL 10.1.)"""
    X, y = make_hastie_10_2(n_samples=12_000, random_state=0)
    X_tr, y_tr, X_te, y_te = X[:2000], y[:2000], X[2000:], y[2000:]
    stump = DecisionTreeClassifier(max_depth=1, random_state=0)
    deep = DecisionTreeClassifier(random_state=0)
    models = {
        "one stump": stump,
        "100 bagged stumps": BaggingClassifier(stump, n_estimators=100, random_state=0),
        "200 boosted stumps": AdaBoostClassifier(stump, n_estimators=200, random_state=0),
        "one deep tree": deep,
        "100 bagged deep trees": BaggingClassifier(deep, n_estimators=100, random_state=0),
    }
    err = {name: 1 - m.fit(X_tr, y_tr).score(X_te, y_te) for name, m in models.items()}
    for name, e in err.items():
        print(f"{name:22s} test error {e:.3f}")
    assert err["100 bagged stumps"] > 0.35                                # bias mostly stays
    assert err["200 boosted stumps"] < err["100 bagged stumps"] - 0.2     # bias removed
    assert err["100 bagged deep trees"] < err["one deep tree"] - 0.05     # variance removed
# --8<-- [end:bagging-vs-boosting]


# --8<-- [start:adaboost]
def adaboost_fit(X: Array, y: Array, n_estimators: int) -> tuple[list, Array]:
    """Discrete AdaBoost for labels y in {-1, +1} with decision stumps."""
    n_samples = len(y)
    w = np.full(n_samples, 1 / n_samples)
    stumps, alphas = [], []
    for _ in range(n_estimators):
        stump = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y, sample_weight=w)
        pred = stump.predict(X)
        eps = w[pred != y].sum() / w.sum()                    # weighted training error
        alpha = 0.5 * np.log((1 - eps) / eps)
        w = w * np.exp(-alpha * y * pred)                     # up-weight the mistakes
        w /= w.sum()
        # The learner just added is now exactly a coin flip on the new weights.
        assert np.isclose(w[pred != y].sum(), 0.5)
        stumps.append(stump)
        alphas.append(alpha)
    return stumps, np.array(alphas)


def adaboost_predict(stumps: list, alphas: Array, X: Array) -> Array:
    return np.sign(sum(a * s.predict(X) for s, a in zip(stumps, alphas)))
# --8<-- [end:adaboost]


# --8<-- [start:gradient-boosting]
def gbr_fit(X: Array, y: Array, n_estimators: int, lr: float, max_depth: int,
            seed: int = 0) -> tuple[float, list]:
    """Gradient boosting with squared loss 1/2 (y - F)^2: each tree fits the current residuals."""
    f0 = float(y.mean())                                      # best constant under squared loss
    F = np.full(len(y), f0)
    # Ties between equally good splits are broken by a random feature order; one stream shared
    # by all trees (as sklearn does) makes the choice reproducible.
    tie_breaker = np.random.RandomState(seed)
    trees = []
    for _ in range(n_estimators):
        residual = y - F                                      # negative gradient
        tree = DecisionTreeRegressor(max_depth=max_depth, random_state=tie_breaker)
        tree.fit(X, residual)
        F += lr * tree.predict(X)                             # shrunken step
        trees.append(tree)
    return f0, trees


def gbr_predict(f0: float, trees: list, lr: float, X: Array) -> Array:
    return f0 + lr * sum(tree.predict(X) for tree in trees)
# --8<-- [end:gradient-boosting]


# --8<-- [start:xgboost-split]
def leaf_weight(G: float, H: float, lam: float) -> float:
    """Minimiser of G w + (H + lam) w^2 / 2: the regularised Newton step."""
    return -G / (H + lam)


def split_gain(G_L: float, H_L: float, G_R: float, H_R: float, lam: float, gamma: float) -> float:
    """Loss reduction from splitting one leaf into two (XGBoost, Chen and Guestrin 2016, eq. 7)."""
    def score(G, H):
        return G**2 / (H + lam)
    return 0.5 * (score(G_L, H_L) + score(G_R, H_R) - score(G_L + G_R, H_L + H_R)) - gamma


def best_second_order_stump(X: Array, g: Array, h: Array, lam: float, gamma: float):
    """Exact greedy search: sort each feature once, sweep prefix sums of g and h."""
    G, H = g.sum(), h.sum()
    best = (-np.inf, None, None)
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j], kind="stable")
        xs, G_L, H_L = X[order, j], np.cumsum(g[order]), np.cumsum(h[order])
        valid = xs[:-1] < xs[1:]                              # only between distinct values
        gains = split_gain(G_L[:-1], H_L[:-1], G - G_L[:-1], H - H_L[:-1], lam, gamma)
        gains[~valid] = -np.inf
        i = int(np.argmax(gains))
        if gains[i] > best[0]:
            best = (float(gains[i]), j, (xs[i] + xs[i + 1]) / 2)
    return best
# --8<-- [end:xgboost-split]


# --8<-- [start:check-boosting]
def check_adaboost() -> None:
    X, y01 = make_classification(n_samples=600, n_features=6, random_state=0)
    y = 2 * y01 - 1                                           # {0, 1} -> {-1, +1}
    stumps, alphas = adaboost_fit(X, y, n_estimators=40)
    ref = AdaBoostClassifier(DecisionTreeClassifier(max_depth=1), n_estimators=40,
                             random_state=0).fit(X, y)
    # sklearn runs SAMME; for two classes its learner weight is ln((1 - eps)/eps) = 2 alpha,
    # which rescales the vote without changing its sign or the reweighting.
    assert np.allclose(2 * alphas, ref.estimator_weights_)
    assert np.array_equal(adaboost_predict(stumps, alphas, X), ref.predict(X))
    print(f"AdaBoost: 40 stumps, first alphas {np.round(alphas[:3], 3)}, "
          f"train accuracy {np.mean(adaboost_predict(stumps, alphas, X) == y):.3f} (= sklearn)")


def check_gradient_boosting() -> None:
    X, y = make_friedman1(n_samples=800, noise=1.0, random_state=0)
    X_tr, y_tr, X_te = X[:600], y[:600], X[600:]
    f0, trees = gbr_fit(X_tr, y_tr, n_estimators=100, lr=0.1, max_depth=3)
    ref = GradientBoostingRegressor(n_estimators=100, learning_rate=0.1, max_depth=3,
                                    random_state=0).fit(X_tr, y_tr)
    ours = gbr_predict(f0, trees, 0.1, X_te)
    assert np.allclose(ours, ref.predict(X_te), rtol=0, atol=1e-8)
    print(f"gradient boosting: max |ours - sklearn| on test = "
          f"{np.abs(ours - ref.predict(X_te)).max():.1e}")


def check_xgboost_split() -> None:
    X, y = make_classification(n_samples=200, n_features=4, random_state=1)
    lam = 5.0
    p = np.full(len(y), y.mean())                             # start from the base rate
    g, h = p - y, p * (1 - p)                                 # log-loss gradient and Hessian
    gain, j, threshold = best_second_order_stump(X, g, h, lam, gamma=0.0)
    left = X[:, j] <= threshold
    w_left = leaf_weight(g[left].sum(), h[left].sum(), lam)
    w_right = leaf_weight(g[~left].sum(), h[~left].sum(), lam)

    # The gain is the drop in the regularised second-order objective.
    def objective(G, H, w):
        return G * w + 0.5 * (H + lam) * w**2
    parent = objective(g.sum(), h.sum(), leaf_weight(g.sum(), h.sum(), lam))
    children = (objective(g[left].sum(), h[left].sum(), w_left)
                + objective(g[~left].sum(), h[~left].sum(), w_right))
    assert np.isclose(gain, parent - children)

    hgb = HistGradientBoostingClassifier(max_iter=1, learning_rate=1.0, max_depth=1,
                                         l2_regularization=lam, min_samples_leaf=1,
                                         early_stopping=False).fit(X, y)
    base = np.log(y.mean() / (1 - y.mean()))
    ours = base + np.where(left, w_left, w_right)
    assert np.allclose(ours, hgb.decision_function(X), atol=1e-10)
    print(f"second-order stump: feature {j} <= {threshold:.3f}, gain {gain:.3f}, "
          f"leaf weights {w_left:+.3f} / {w_right:+.3f} (= HistGradientBoosting)")

    # Squared loss has h = 1: with lam = 0 the gain is half the drop in squared error.
    r = np.random.default_rng(0).normal(size=50)
    g_sq, h_sq, cut = -r, np.ones(50), 20
    sse = lambda v: np.sum((v - v.mean()) ** 2)
    drop = sse(r) - sse(r[:cut]) - sse(r[cut:])
    assert np.isclose(split_gain(g_sq[:cut].sum(), cut, g_sq[cut:].sum(), 50 - cut, 0, 0),
                      0.5 * drop)
# --8<-- [end:check-boosting]


def main() -> None:
    check_bagging_vs_boosting()
    check_adaboost()
    check_gradient_boosting()
    check_xgboost_split()
    print("all boosting checks passed")


if __name__ == "__main__":
    main()
