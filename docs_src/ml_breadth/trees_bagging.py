"""Bagging and random forests from scratch: out-of-bag facts, correlated averaging, importances.

Run from anywhere:

    python docs_src/ml_breadth/trees_bagging.py

The asserts check the out-of-bag fraction against (1 - 1/n)^n, the variance of an average of
correlated predictions against the closed form, an out-of-bag score computed by hand against
BaggingClassifier.oob_score_, impurity importances computed from the tree structure against
RandomForestClassifier.feature_importances_, and a from-scratch permutation importance against
sklearn.inspection.permutation_importance.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import BaggingClassifier, RandomForestClassifier
from sklearn.inspection import permutation_importance
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

Array = np.ndarray


# --8<-- [start:oob-fraction]
def check_oob_fraction() -> None:
    """A bootstrap sample of size n leaves out each point with probability (1 - 1/n)^n -> 1/e."""
    rng = np.random.default_rng(0)
    for n in (10, 100, 10_000):
        exact = (1 - 1 / n) ** n
        draws = rng.integers(0, n, size=(200, n))            # 200 bootstrap samples
        left_out = np.mean([n - len(np.unique(d)) for d in draws]) / n
        print(f"n = {n:6d}: P(left out) = {exact:.4f}, simulated {left_out:.4f}")
        assert abs(left_out - exact) < 0.02
    assert abs((1 - 1 / 10_000) ** 10_000 - np.exp(-1)) < 1e-4   # 0.3679
# --8<-- [end:oob-fraction]


# --8<-- [start:correlated-average]
def variance_of_average(sigma2: float, rho: float, n_models: int) -> float:
    """Var of the mean of B identically distributed predictions with pairwise correlation rho."""
    return rho * sigma2 + (1 - rho) * sigma2 / n_models


def check_correlated_average() -> None:
    sigma2, rho, n_models = 4.0, 0.3, 25
    cov = sigma2 * ((1 - rho) * np.eye(n_models) + rho * np.ones((n_models, n_models)))
    ones = np.ones(n_models) / n_models
    exact = ones @ cov @ ones                                 # Var(mean) = 1' Sigma 1 / B^2
    assert np.isclose(exact, variance_of_average(sigma2, rho, n_models))
    rng = np.random.default_rng(0)
    samples = rng.multivariate_normal(np.zeros(n_models), cov, size=200_000)
    simulated = samples.mean(axis=1).var()
    assert abs(simulated - exact) / exact < 0.02
    print(f"Var(mean of {n_models}) = {exact:.3f} (simulated {simulated:.3f}); "
          f"floor as B -> infinity: rho * sigma^2 = {rho * sigma2:.3f}")
# --8<-- [end:correlated-average]


# --8<-- [start:oob-score]
def oob_accuracy(bag: BaggingClassifier, X: Array, y: Array) -> float:
    """Each sample is scored only by the members whose bootstrap sample did not contain it."""
    votes = np.zeros((len(y), len(bag.classes_)))
    for member, in_bag in zip(bag.estimators_, bag.estimators_samples_):
        out = np.ones(len(y), dtype=bool)
        out[in_bag] = False
        votes[out] += member.predict_proba(X[out])            # soft votes, as sklearn does
    scored = votes.sum(axis=1) > 0                            # points never left out are skipped
    return float(np.mean(bag.classes_[votes[scored].argmax(axis=1)] == y[scored]))
# --8<-- [end:oob-score]


# --8<-- [start:importances]
def impurity_importance(forest: RandomForestClassifier, n_features: int) -> Array:
    """Mean decrease in impurity (MDI), rebuilt from each tree's nodes."""
    per_tree = []
    for member in forest.estimators_:
        t, imp = member.tree_, np.zeros(n_features)
        for node in range(t.node_count):
            l, r = t.children_left[node], t.children_right[node]
            if l == -1:
                continue  # leaves do not split anything
            w = t.weighted_n_node_samples
            imp[t.feature[node]] += (w[node] * t.impurity[node]
                                     - w[l] * t.impurity[l] - w[r] * t.impurity[r])
        per_tree.append(imp / imp.sum())                      # each tree sums to 1
    mean = np.mean(per_tree, axis=0)
    return mean / mean.sum()


def permutation_drop(model, X: Array, y: Array, n_repeats: int, rng) -> Array:
    """Mean drop in accuracy when one column is shuffled (breaks its link to y, keeps its marginal)."""
    base = model.score(X, y)
    drops = np.zeros(X.shape[1])
    for j in range(X.shape[1]):
        for _ in range(n_repeats):
            Xp = X.copy()
            Xp[:, j] = rng.permutation(Xp[:, j])
            drops[j] += (base - model.score(Xp, y)) / n_repeats
    return drops
# --8<-- [end:importances]


# --8<-- [start:check-forest]
def check_forest() -> None:
    X, y = make_classification(n_samples=1000, n_features=3, n_informative=3, n_redundant=0,
                               random_state=0)
    rng = np.random.default_rng(0)
    # Two pure-noise columns: one continuous (a distinct value in every row, like an ID),
    # one binary. Neither carries any information about y.
    X = np.column_stack([X, rng.normal(size=len(y)), rng.integers(0, 2, size=len(y))])
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, random_state=0)

    bag = BaggingClassifier(DecisionTreeClassifier(), n_estimators=50, oob_score=True,
                            random_state=0).fit(X_tr, y_tr)
    assert np.isclose(oob_accuracy(bag, X_tr, y_tr), bag.oob_score_)
    print(f"bagging: OOB accuracy {bag.oob_score_:.3f} (= by hand), "
          f"test accuracy {bag.score(X_te, y_te):.3f}")

    forest = RandomForestClassifier(n_estimators=100, random_state=0).fit(X_tr, y_tr)
    mdi = impurity_importance(forest, X.shape[1])
    assert np.allclose(mdi, forest.feature_importances_)

    perm = permutation_drop(forest, X_te, y_te, n_repeats=20, rng=rng)
    ref = permutation_importance(forest, X_te, y_te, n_repeats=20, random_state=0)
    # Different random shuffles, so only statistical agreement: within 0.02 accuracy.
    assert np.allclose(perm, ref.importances_mean, atol=0.02)
    print("feature        MDI (train)  permutation (test)")
    for j, name in enumerate(["x0", "x1", "x2", "noise_id", "noise_bit"]):
        print(f"{name:12s} {mdi[j]:10.3f}  {perm[j]:12.3f}")
    # The continuous noise column collects far more MDI than the binary one,
    # yet shuffling it on held-out data costs (almost) nothing.
    assert mdi[3] > 0.05 and mdi[3] > 5 * mdi[4] and abs(perm[3]) < 0.01
# --8<-- [end:check-forest]


def main() -> None:
    check_oob_fraction()
    check_correlated_average()
    check_forest()
    print("all bagging and random-forest checks passed")


if __name__ == "__main__":
    main()
