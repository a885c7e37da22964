"""Cross-validation from scratch: splitters, the CV loop, leakage, nested CV and the choice of k.

Run from the repository root (or from anywhere):

    .venv/bin/python docs_src/ml_breadth/evaluation_cv.py

The fold indices are asserted identical to scikit-learn's splitters, the CV loop identical to
cross_val_score, and the leave-one-out shortcut for ridge identical to brute-force LOO. The
simulation at the end measures the bias and spread of the CV estimate for several k.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.datasets import load_breast_cancer
from sklearn.dummy import DummyClassifier
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import (GridSearchCV, GroupKFold, KFold, LeaveOneOut,
                                     StratifiedKFold, TimeSeriesSplit, cross_val_score)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

Array = np.ndarray


# --8<-- [start:splitters]
def kfold_test_folds(n_samples: int, k: int) -> list[Array]:
    """Contiguous folds; the first n_samples % k folds get one extra sample (like KFold)."""
    return np.array_split(np.arange(n_samples), k)


def stratified_test_folds(y: Array, k: int) -> list[Array]:
    """Folds that keep the class proportions (same assignment as StratifiedKFold, no shuffle)."""
    _, first_seen, y_inv = np.unique(y, return_index=True, return_inverse=True)
    y_enc = np.argsort(np.argsort(first_seen))[y_inv]  # classes numbered by first appearance
    # Deal the sorted labels round-robin, like cards: fold f gets positions f, f + k, f + 2k, ...
    # That fixes how many samples of each class each fold receives.
    dealt = np.sort(y_enc)
    per_fold = np.array([np.bincount(dealt[f::k], minlength=len(first_seen)) for f in range(k)])
    fold_of = np.empty(len(y), dtype=int)
    for c in range(len(first_seen)):
        # Within a class, earlier samples go to earlier folds.
        fold_of[y_enc == c] = np.repeat(np.arange(k), per_fold[:, c])
    return [np.flatnonzero(fold_of == f) for f in range(k)]


def forward_chaining(n_samples: int, n_splits: int, gap: int = 0) -> list[tuple[Array, Array]]:
    """Train on everything before a cut-off (minus a gap), test on the next block (TimeSeriesSplit)."""
    test_size = n_samples // (n_splits + 1)
    splits = []
    for start in range(n_samples - n_splits * test_size, n_samples, test_size):
        splits.append((np.arange(start - gap), np.arange(start, start + test_size)))
    return splits


def cv_scores(model, X: Array, y: Array, test_folds: list[Array]) -> Array:
    """Fit a fresh copy of the whole model on each training part, score it on the held-out fold."""
    scores = []
    for test_idx in test_folds:
        train_idx = np.setdiff1d(np.arange(len(y)), test_idx)
        fitted = clone(model).fit(X[train_idx], y[train_idx])
        scores.append(fitted.score(X[test_idx], y[test_idx]))
    return np.array(scores)
# --8<-- [end:splitters]


# --8<-- [start:loo-ridge]
def ridge_loo_mse(X: Array, y: Array, alpha: float) -> float:
    """Exact leave-one-out MSE of ridge (unpenalised intercept) from ONE fit: e_i / (1 - h_ii)."""
    A = np.c_[np.ones(len(y)), X]
    penalty = alpha * np.eye(A.shape[1])
    penalty[0, 0] = 0.0                              # the intercept is not shrunk
    H = A @ np.linalg.solve(A.T @ A + penalty, A.T)  # hat matrix: y_hat = H y
    residuals = y - H @ y
    return float(np.mean((residuals / (1 - np.diag(H))) ** 2))
# --8<-- [end:loo-ridge]


# --8<-- [start:check-splitters]
def check_splitters() -> None:
    """Fold indices identical to scikit-learn; the CV loop identical to cross_val_score."""
    X, y = load_breast_cancer(return_X_y=True)
    for k in (3, 5, 10):
        mine = kfold_test_folds(len(y), k)
        ref = [test for _, test in KFold(k).split(X)]
        assert all(np.array_equal(a, b) for a, b in zip(mine, ref))
        mine = stratified_test_folds(y, k)
        ref = [test for _, test in StratifiedKFold(k).split(X, y)]
        assert all(np.array_equal(a, b) for a, b in zip(mine, ref))
        # Every fold's share of class 1 is within one sample of the overall share.
        assert all(abs(y[f].sum() - len(f) * y.mean()) <= 1 for f in mine)
    for gap in (0, 5):
        mine = forward_chaining(100, 4, gap=gap)
        ref = list(TimeSeriesSplit(n_splits=4, gap=gap).split(np.zeros(100)))
        assert all(np.array_equal(a, c) and np.array_equal(b, d) for (a, b), (c, d) in zip(mine, ref))
        assert all(train.max() < test.min() - gap for train, test in mine)  # never train on the future

    # Groups (say, patients): no group may sit on both sides of any split.
    groups = np.random.default_rng(0).integers(0, 60, size=len(y))
    for train, test in GroupKFold(n_splits=5).split(X, y, groups):
        assert not set(groups[train]) & set(groups[test])

    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    mine = cv_scores(model, X, y, stratified_test_folds(y, 5))
    ref = cross_val_score(model, X, y, cv=5)  # an int cv on a classifier means StratifiedKFold
    assert np.allclose(mine, ref, rtol=0, atol=1e-12)
    print(f"5-fold accuracy {mine.mean():.4f} +/- {mine.std():.4f} (folds: {np.round(mine, 3)})")
    print("k-fold, stratified and time-series folds identical to scikit-learn; CV loop equals cross_val_score")
# --8<-- [end:check-splitters]


# --8<-- [start:check-loo]
def check_loo() -> None:
    """The ridge LOO shortcut equals n refits; LOO fails a majority-class baseline completely."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 5))
    y = X @ rng.normal(size=5) + 2.0 + rng.normal(size=60)
    brute = -cross_val_score(Ridge(alpha=3.0), X, y, cv=LeaveOneOut(),
                             scoring="neg_mean_squared_error").mean()
    assert abs(ridge_loo_mse(X, y, alpha=3.0) - brute) < 1e-10
    print(f"ridge LOO MSE from one fit {ridge_loo_mse(X, y, 3.0):.6f} = 60 refits {brute:.6f}")

    # Balanced labels: leaving one sample out makes its class the minority of the training set,
    # so the majority-class predictor is wrong on every held-out sample.
    y_bal = np.repeat([0, 1], 20)
    X_dummy = np.zeros((40, 1))
    loo_acc = cross_val_score(DummyClassifier(), X_dummy, y_bal, cv=LeaveOneOut()).mean()
    kfold_acc = cross_val_score(DummyClassifier(), X_dummy, y_bal, cv=StratifiedKFold(10)).mean()
    assert loo_acc == 0.0 and kfold_acc == 0.5
    print(f"majority-class baseline on balanced labels: LOO accuracy {loo_acc}, stratified 10-fold {kfold_acc}")
# --8<-- [end:check-loo]


# --8<-- [start:check-leakage]
def check_leakage() -> None:
    """Pure noise: choosing features on all rows before CV reports skill that does not exist."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 5000))
    y = np.repeat([0, 1], 100)                        # labels unrelated to X
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    X_leaky = SelectKBest(f_classif, k=20).fit_transform(X, y)   # saw every fold's labels
    leaky = cross_val_score(LogisticRegression(max_iter=1000), X_leaky, y, cv=cv).mean()
    honest_model = make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression(max_iter=1000))
    honest = cross_val_score(honest_model, X, y, cv=cv).mean()  # selection refitted per fold
    assert leaky > 0.7 and abs(honest - 0.5) < 0.1 and leaky - honest > 0.2
    print(f"noise data: selection outside CV {leaky:.2f}, inside a Pipeline {honest:.2f} (chance 0.50)")
# --8<-- [end:check-leakage]


# --8<-- [start:check-nested]
def check_nested() -> None:
    """The best inner-CV score is optimistic; nested CV scores the whole tuning procedure."""
    # Thirty "models" that guess at random (different seeds): the truth for each is 0.5.
    X, y = np.zeros((100, 1)), np.repeat([0, 1], 50)
    search = GridSearchCV(DummyClassifier(strategy="uniform"), {"random_state": list(range(30))},
                          cv=StratifiedKFold(5, shuffle=True, random_state=0))
    best_inner = search.fit(X, y).best_score_         # the luckiest guesser's CV score
    nested = cross_val_score(search, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=1))
    assert best_inner > 0.6 and abs(nested.mean() - 0.5) < 0.05
    print(f"30 random guessers: best inner CV {best_inner:.3f}, nested CV {nested.mean():.3f} (truth 0.5)")

    X, y = load_breast_cancer(return_X_y=True)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    search = GridSearchCV(model, {"logisticregression__C": [0.01, 0.1, 1.0]}, cv=5)
    outer = cross_val_score(search, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0))
    print(f"breast cancer: nested accuracy {outer.mean():.4f} +/- {outer.std():.4f}, "
          f"non-nested best {search.fit(X, y).best_score_:.4f}")
# --8<-- [end:check-nested]


# --8<-- [start:choice-of-k]
def choice_of_k(n_datasets: int = 400, n_samples: int = 40, n_features: int = 10,
                alpha: float = 1.0) -> tuple[dict, float]:
    """Bias and spread of the k-fold CV estimate of ridge's test MSE, for k = 2, 5, 10 and n."""
    rng = np.random.default_rng(0)
    w_true = rng.normal(size=n_features)
    noise_sd = 1.0

    def fit(X: Array, y: Array) -> Array:
        return np.linalg.solve(X.T @ X + alpha * np.eye(n_features), X.T @ y)

    def kfold_mse(X: Array, y: Array, k: int) -> float:
        fold_of = rng.permutation(len(y)) % k       # a fresh random partition each time
        sq_err = 0.0
        for f in range(k):
            test = fold_of == f
            w = fit(X[~test], y[~test])
            sq_err += np.sum((y[test] - X[test] @ w) ** 2)
        return sq_err / len(y)

    def loo_mse(X: Array, y: Array) -> float:
        H = X @ np.linalg.solve(X.T @ X + alpha * np.eye(n_features), X.T)
        return float(np.mean(((y - H @ y) / (1 - np.diag(H))) ** 2))

    ks = (2, 5, 10, n_samples)
    estimates = {k: [] for k in ks}
    true_err = []
    for _ in range(n_datasets):
        X = rng.normal(size=(n_samples, n_features))
        y = X @ w_true + noise_sd * rng.normal(size=n_samples)
        w = fit(X, y)
        # X ~ N(0, I), so the test MSE of w is exactly noise_sd^2 + ||w - w_true||^2.
        true_err.append(noise_sd**2 + np.sum((w - w_true) ** 2))
        for k in ks:
            estimates[k].append(loo_mse(X, y) if k == n_samples else kfold_mse(X, y, k))
    true_err = np.array(true_err)
    table = {k: (np.mean(np.array(v) - true_err), np.std(v)) for k, v in estimates.items()}
    return table, float(true_err.mean())
# --8<-- [end:choice-of-k]


# --8<-- [start:check-choice-of-k]
def check_choice_of_k() -> None:
    """Small k is pessimistic; the bias shrinks as k grows."""
    table, mean_true = choice_of_k()
    bias = [table[k][0] for k in table]
    assert bias[0] > bias[1] > bias[2] > 0, "training on fewer rows makes the estimate pessimistic"
    assert abs(bias[3]) < bias[2], "LOO trains on n - 1 rows: almost unbiased"
    print(f"true test MSE of ridge (n = 40, d = 10), mean over data sets: {mean_true:.3f}")
    print("k    mean bias   sd of the estimate")
    for k, (b, sd) in table.items():
        print(f"{k:<4} {b:+.3f}      {sd:.3f}")
# --8<-- [end:check-choice-of-k]


def main() -> None:
    check_splitters()
    check_loo()
    check_leakage()
    check_nested()
    check_choice_of_k()


if __name__ == "__main__":
    main()
