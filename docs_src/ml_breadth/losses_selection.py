"""Filter, wrapper and embedded feature selection, and the leakage trap, checked against scikit-learn.

Run from any folder:

    python docs_src/ml_breadth/losses_selection.py

Checks: Pearson r, the chi-square statistic, mutual information and feature variances from
scratch equal sklearn's r_regression, chi2, mutual_info_score and VarianceThreshold; a
from-scratch recursive feature elimination gives sklearn RFE's ranking; selecting features on
all the data before cross-validation reports skill on pure noise, selecting inside a Pipeline
does not.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_selection import RFE, SelectKBest, VarianceThreshold, chi2, f_classif, r_regression
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import mutual_info_score
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline

Array = np.ndarray


# --8<-- [start:filters]
def pearson_r(X: Array, y: Array) -> Array:
    """Correlation of every column of X with y."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    return (Xc.T @ yc) / (np.linalg.norm(Xc, axis=0) * np.linalg.norm(yc))


def chi2_scores(X: Array, y: Array) -> Array:
    """sklearn's chi-square statistic: X holds non-negative counts (e.g. word counts per document)."""
    classes = np.unique(y)
    Y = (y[:, None] == classes[None, :]).astype(float)     # one-hot, (n, K)
    observed = Y.T @ X                                     # total count of each feature per class
    expected = np.outer(Y.mean(axis=0), X.sum(axis=0))     # if the feature ignored the class
    return np.sum((observed - expected) ** 2 / expected, axis=0)


def mutual_information(a: Array, b: Array) -> float:
    """I(A; B) in nats for two discrete variables, from their joint frequency table."""
    _, ia = np.unique(a, return_inverse=True)
    _, ib = np.unique(b, return_inverse=True)
    joint = np.zeros((ia.max() + 1, ib.max() + 1))
    np.add.at(joint, (ia, ib), 1.0)
    joint /= joint.sum()
    pa, pb = joint.sum(axis=1, keepdims=True), joint.sum(axis=0, keepdims=True)
    nz = joint > 0                                         # 0 log 0 = 0
    return float(np.sum(joint[nz] * np.log(joint[nz] / (pa @ pb)[nz])))
# --8<-- [end:filters]


# --8<-- [start:rfe]
def rfe_ranking(X: Array, y: Array, n_keep: int) -> Array:
    """Recursive feature elimination with a linear model: refit, drop the smallest |coef|, repeat.

    Returns sklearn's convention: rank 1 for kept features, higher ranks for earlier eliminations.
    """
    remaining = list(range(X.shape[1]))
    ranking = np.ones(X.shape[1], dtype=int)
    rank = X.shape[1] - n_keep + 1
    while len(remaining) > n_keep:
        coef = LinearRegression().fit(X[:, remaining], y).coef_
        worst = remaining[int(np.argmin(np.abs(coef)))]
        ranking[worst] = rank
        rank -= 1
        remaining.remove(worst)
    return ranking
# --8<-- [end:rfe]


def main() -> None:
    rng = np.random.default_rng(0)

    # --8<-- [start:check-filters]
    X = rng.normal(size=(300, 6))
    y = 2 * X[:, 0] - X[:, 1] + 0.5 * rng.normal(size=300)
    assert np.allclose(pearson_r(X, y), r_regression(X, y), atol=1e-12)

    counts = rng.poisson(lam=[1.0, 3.0, 0.5, 2.0], size=(200, 4)).astype(float)
    labels = rng.integers(0, 3, size=200)
    counts[labels == 2, 0] += rng.poisson(2.0, size=np.sum(labels == 2))  # feature 0 depends on class
    chi2_ref, _ = chi2(counts, labels)
    assert np.allclose(chi2_scores(counts, labels), chi2_ref, rtol=1e-12)
    assert np.argmax(chi2_ref) == 0

    a = rng.integers(0, 4, size=500)
    b = (a + rng.integers(0, 2, size=500)) % 4                # b depends on a
    assert np.isclose(mutual_information(a, b), mutual_info_score(a, b), rtol=1e-12)
    assert mutual_information(a, rng.integers(0, 4, size=500)) < 0.05  # independent: close to 0

    assert np.allclose(VarianceThreshold(0.0).fit(counts).variances_, counts.var(axis=0))
    print("Pearson r, chi2, mutual information and variances match sklearn")
    # --8<-- [end:check-filters]

    # --8<-- [start:check-rfe]
    X = rng.normal(size=(200, 8)) * rng.uniform(0.5, 2.0, size=8)
    y = X @ np.array([3.0, 0.0, -2.0, 0.1, 0.0, 1.0, 0.0, 0.5]) + rng.normal(size=200)
    ref = RFE(LinearRegression(), n_features_to_select=3, step=1).fit(X, y)
    assert np.array_equal(rfe_ranking(X, y, 3), ref.ranking_)
    print(f"RFE ranking {rfe_ranking(X, y, 3)} matches sklearn RFE")
    # --8<-- [end:check-rfe]

    # --8<-- [start:check-leakage]
    # Pure noise: 5,000 random features, random labels. No model can beat 50 % on new data.
    X = rng.normal(size=(100, 5_000))
    y = rng.integers(0, 2, size=100)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)

    X_leaky = SelectKBest(f_classif, k=20).fit_transform(X, y)   # selection saw every label
    leaky = cross_val_score(LogisticRegression(), X_leaky, y, cv=cv).mean()

    pipe = make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression())
    honest = cross_val_score(pipe, X, y, cv=cv).mean()           # selection refit inside each fold
    print(f"select then CV: accuracy {leaky:.2f};  select inside CV: accuracy {honest:.2f}")
    assert leaky > 0.8 and honest < 0.65
    # --8<-- [end:check-leakage]


if __name__ == "__main__":
    main()
