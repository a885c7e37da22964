"""ROC and precision-recall curves, AUC, average precision and threshold choice, from scratch.

Run from the repository root (or from anywhere):

    .venv/bin/python docs_src/ml_breadth/evaluation_curves.py

The curves are asserted equal to scikit-learn's, AUC is computed three ways (trapezoid area,
pair counting, Mann-Whitney ranks), and the threshold rules are checked on a hand-sized example
and on a large sample whose true probabilities are known.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
from scipy import stats
from sklearn import metrics as skm
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

Array = np.ndarray


# --8<-- [start:curves]
def curve_counts(y_true: Array, y_score: Array) -> tuple[Array, Array, Array]:
    """TP and FP of the rule 'positive if score >= t' for every distinct score t, highest first."""
    order = np.argsort(-y_score, kind="stable")
    s, y = y_score[order], y_true[order]
    # Tied scores switch class together, so keep only the last index of each run of ties.
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    return s[last], np.cumsum(y)[last], np.cumsum(1 - y)[last]


def roc_points(y_true: Array, y_score: Array) -> tuple[Array, Array, Array]:
    """FPR, TPR and thresholds, starting at (0, 0) for a threshold above every score."""
    thresholds, tp, fp = curve_counts(y_true, y_score)
    return np.r_[0.0, fp / fp[-1]], np.r_[0.0, tp / tp[-1]], np.r_[np.inf, thresholds]


def trapezoid_area(x: Array, y: Array) -> float:
    """Area under a piecewise-linear curve through points sorted by x."""
    return float(np.sum(np.diff(x) * (y[1:] + y[:-1]) / 2))


def pr_points(y_true: Array, y_score: Array) -> tuple[Array, Array]:
    """Precision and recall at every distinct threshold, highest threshold first."""
    _, tp, fp = curve_counts(y_true, y_score)
    return tp / (tp + fp), tp / tp[-1]


def average_precision(y_true: Array, y_score: Array) -> float:
    """AP = sum_n (R_n - R_{n-1}) P_n: a step-wise area, no interpolation between points."""
    precision, recall = pr_points(y_true, y_score)
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))
# --8<-- [end:curves]


# --8<-- [start:auc-ranks]
def auc_pairs(y_true: Array, y_score: Array) -> float:
    """P(score of a random positive > score of a random negative), ties counted 1/2. O(n+ n-)."""
    pos, neg = y_score[y_true == 1], y_score[y_true == 0]
    diff = pos[:, None] - neg[None, :]
    return float(np.mean((diff > 0) + 0.5 * (diff == 0)))


def auc_ranks(y_true: Array, y_score: Array) -> float:
    """The same probability from ranks (Mann-Whitney U), O(n log n); ties get average ranks."""
    ranks = stats.rankdata(y_score)  # 1 = lowest score; tied scores share their mean rank
    n_pos = int(y_true.sum())
    n_neg = len(y_true) - n_pos
    u = ranks[y_true == 1].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))
# --8<-- [end:auc-ranks]


# --8<-- [start:thresholds]
def choose_threshold(y_val: Array, s_val: Array, rule: str, *, c_fp: float = 1.0,
                     c_fn: float = 1.0, target_recall: float = 0.9) -> float:
    """A threshold t for the rule 'positive if score >= t', chosen on VALIDATION data.

    rule: 'cost' (minimise c_fp*FP + c_fn*FN), 'youden' (maximise TPR - FPR),
    'recall' (highest t whose recall reaches target_recall), 'f1' (maximise F1).
    """
    thresholds, tp, fp = curve_counts(y_val, s_val)
    # Prepend 'predict nothing positive' (t = +inf) so every rule can also choose it.
    thresholds, tp, fp = np.r_[np.inf, thresholds], np.r_[0, tp], np.r_[0, fp]
    n_pos, n_neg = tp[-1], fp[-1]
    fn = n_pos - tp
    if rule == "cost":
        best = np.argmin(c_fp * fp + c_fn * fn)
    elif rule == "youden":
        best = np.argmax(tp / n_pos - fp / n_neg)
    elif rule == "recall":
        best = np.flatnonzero(tp >= target_recall * n_pos)[0]  # first = highest threshold
    elif rule == "f1":
        best = np.argmax(2 * tp / (tp + fp + n_pos))             # 2TP / (2TP + FP + FN)
    else:
        raise ValueError(rule)
    return float(thresholds[best])
# --8<-- [end:thresholds]


# --8<-- [start:multiclass-auc]
def auc_ovr(y: Array, proba: Array, average: str = "macro") -> float:
    """One-vs-rest: AUC of class k against all others, using column k; macro or weighted mean."""
    n_classes = proba.shape[1]
    aucs = np.array([auc_ranks((y == k).astype(int), proba[:, k]) for k in range(n_classes)])
    weights = np.bincount(y, minlength=n_classes) if average == "weighted" else None
    return float(np.average(aucs, weights=weights))


def auc_ovo(y: Array, proba: Array) -> float:
    """One-vs-one (Hand and Till): mean over class pairs of the two pairwise AUCs."""
    pair_scores = []
    for a, b in combinations(range(proba.shape[1]), 2):
        mask = (y == a) | (y == b)   # only samples of the two classes take part
        a_vs_b = auc_ranks((y[mask] == a).astype(int), proba[mask, a])
        b_vs_a = auc_ranks((y[mask] == b).astype(int), proba[mask, b])
        pair_scores.append((a_vs_b + b_vs_a) / 2)
    return float(np.mean(pair_scores))
# --8<-- [end:multiclass-auc]


# --8<-- [start:check-hand]
def check_hand_example() -> None:
    """Ten scores, one tie between a positive and a negative, worked by hand on the page."""
    y = np.array([1, 1, 0, 1, 0, 1, 0, 0, 0, 0])
    s = np.array([0.9, 0.8, 0.7, 0.55, 0.55, 0.4, 0.3, 0.2, 0.1, 0.05])
    fpr, tpr, thr = roc_points(y, s)
    ref_fpr, ref_tpr, ref_thr = skm.roc_curve(y, s, drop_intermediate=False)
    assert np.allclose(fpr, ref_fpr, atol=1e-12) and np.allclose(tpr, ref_tpr, atol=1e-12)
    assert np.array_equal(thr[1:], ref_thr[1:])  # the first threshold is +inf in both

    # 20 of 24 pairs ranked correctly, 1 tied pair counted as 1/2: AUC = 20.5 / 24.
    for auc in (trapezoid_area(fpr, tpr), auc_pairs(y, s), auc_ranks(y, s)):
        assert abs(auc - 20.5 / 24) < 1e-12
    assert abs(skm.roc_auc_score(y, s) - 20.5 / 24) < 1e-12
    u = stats.mannwhitneyu(s[y == 1], s[y == 0]).statistic  # U of the positives
    assert abs(u / (4 * 6) - 20.5 / 24) < 1e-12

    precision, recall = pr_points(y, s)
    ref_p, ref_r, _ = skm.precision_recall_curve(y, s)
    # scikit-learn lists the lowest threshold first and appends the point (recall 0, precision 1).
    assert np.allclose(precision, ref_p[:-1][::-1]) and np.allclose(recall, ref_r[:-1][::-1])
    assert abs(average_precision(y, s) - skm.average_precision_score(y, s)) < 1e-12

    print(" t     TP FP  TPR   FPR   prec  F1    J     cost(FN=5,FP=1)")
    thresholds, tp, fp = curve_counts(y, s)
    for t, a, b in zip(thresholds, tp, fp):
        fn = 4 - a
        print(f" {t:<5} {a:>2} {b:>2}  {a / 4:.2f}  {b / 6:.2f}  {a / (a + b):.2f}  "
              f"{2 * a / (2 * a + b + fn):.2f}  {a / 4 - b / 6:.2f}  {5 * fn + b}")
    picks = {rule: choose_threshold(y, s, rule, c_fp=1, c_fn=5, target_recall=0.75)
             for rule in ("cost", "youden", "f1", "recall")}
    assert picks == {"cost": 0.4, "youden": 0.4, "f1": 0.4, "recall": 0.55}
    # With a false alarm twice as costly as a miss, the cost rule moves up to 0.8.
    assert choose_threshold(y, s, "cost", c_fp=2, c_fn=1) == 0.8
    print("thresholds chosen:", picks)
    print(f"hand example: AUC = 20.5/24 = {20.5 / 24:.4f} three ways, AP = {average_precision(y, s):.4f};"
          " curves match scikit-learn within 1e-12")
# --8<-- [end:check-hand]


# --8<-- [start:check-invariance]
def check_invariance() -> None:
    """AUC ignores monotone transforms and the class ratio; precision and AP do not ignore the ratio."""
    X, y = make_classification(n_samples=4000, n_features=10, n_informative=5, n_redundant=2,
                               class_sep=0.8, weights=[0.9], flip_y=0, random_state=0)
    model = LogisticRegression(max_iter=1000).fit(X[:2000], y[:2000])
    X_te, y_te = X[2000:], y[2000:]
    z = model.decision_function(X_te)           # logits
    p = model.predict_proba(X_te)[:, 1]         # sigmoid(logits): a monotone transform
    auc = auc_ranks(y_te, z)
    assert abs(auc - skm.roc_auc_score(y_te, z)) < 1e-12
    for transformed in (p, np.exp(z), stats.rankdata(z), 3 * z - 7):
        assert abs(auc_ranks(y_te, transformed) - auc) < 1e-12
    ap = average_precision(y_te, z)
    assert abs(ap - skm.average_precision_score(y_te, z)) < 1e-12

    # Deploy where negatives are 10 times as common: copy every negative 10 times.
    neg = y_te == 0
    y_shift = np.r_[y_te, np.zeros(9 * neg.sum(), int)]
    z_shift = np.r_[z, np.tile(z[neg], 9)]
    auc_shift, ap_shift = auc_ranks(y_shift, z_shift), average_precision(y_shift, z_shift)
    assert abs(auc_shift - auc) < 1e-12, "TPR and FPR are per-class rates: ROC is unchanged"
    assert ap_shift < ap - 0.1, "precision has FP in its denominator: AP falls"

    # Precision at a fixed threshold follows Bayes' rule with the new prevalence.
    pred = p >= 0.5
    tpr, fpr = pred[y_te == 1].mean(), pred[neg].mean()
    pi_new = y_te.sum() / (y_te.sum() + 10 * neg.sum())
    prec_new = skm.precision_score(y_shift, np.r_[pred, np.tile(pred[neg], 9)])
    assert abs(prec_new - tpr * pi_new / (tpr * pi_new + fpr * (1 - pi_new))) < 1e-12
    print(f"prevalence {y_te.mean():.3f} -> {pi_new:.4f}: ROC AUC {auc:.4f} -> {auc_shift:.4f}, "
          f"AP {ap:.4f} -> {ap_shift:.4f}, precision@0.5 "
          f"{skm.precision_score(y_te, pred):.4f} -> {prec_new:.4f}")
    print("AUC unchanged (1e-12) under monotone transforms and under a change of class ratio")
# --8<-- [end:check-invariance]


# --8<-- [start:check-calibrated]
def check_calibrated_thresholds() -> None:
    """With true probabilities, the cost-optimal cut is c_FP / (c_FP + c_FN), the F1 cut is F1*/2."""
    rng = np.random.default_rng(0)
    n_samples = 200_000
    logit = rng.normal(-3.0, 1.5, size=n_samples)    # a rare positive class (about 8 %)
    p = 1 / (1 + np.exp(-logit))                       # the true P(y = 1 | x): perfectly calibrated
    y = (rng.random(n_samples) < p).astype(int)

    def cost_at(t: float, c_fp: float, c_fn: float) -> float:
        pred = p >= t
        return c_fp * np.sum(pred & (y == 0)) + c_fn * np.sum(~pred & (y == 1))

    c_fp, c_fn = 1.0, 9.0
    bayes_t = c_fp / (c_fp + c_fn)                     # = 0.1
    best_t = choose_threshold(y, p, "cost", c_fp=c_fp, c_fn=c_fn)
    # The empirical optimum sits near 0.1, and 0.1 costs within 0.5 % of the empirical minimum.
    assert abs(best_t - bayes_t) < 0.02
    assert cost_at(bayes_t, c_fp, c_fn) <= 1.005 * cost_at(best_t, c_fp, c_fn)
    assert cost_at(0.5, c_fp, c_fn) > 1.3 * cost_at(bayes_t, c_fp, c_fn)

    t_f1 = choose_threshold(y, p, "f1")
    f1_best = skm.f1_score(y, p >= t_f1)
    assert abs(t_f1 - f1_best / 2) < 0.02  # Lipton, Elkan and Narayanaswamy (2014)
    print(f"calibrated scores: cost-optimal t = {best_t:.3f} (theory {bayes_t}), "
          f"F1-optimal t = {t_f1:.3f} vs F1*/2 = {f1_best / 2:.3f}")
# --8<-- [end:check-calibrated]


# --8<-- [start:check-multiclass]
def check_multiclass_auc() -> None:
    """One-vs-rest and one-vs-one AUC against roc_auc_score."""
    X, y = make_classification(n_samples=1500, n_features=8, n_informative=5, n_classes=3,
                               weights=[0.6, 0.3, 0.1], random_state=0)
    proba = LogisticRegression(max_iter=1000).fit(X[:800], y[:800]).predict_proba(X[800:])
    y_te = y[800:]
    results = {
        "ovr macro": (auc_ovr(y_te, proba), skm.roc_auc_score(y_te, proba, multi_class="ovr")),
        "ovr weighted": (auc_ovr(y_te, proba, "weighted"),
                         skm.roc_auc_score(y_te, proba, multi_class="ovr", average="weighted")),
        "ovo macro": (auc_ovo(y_te, proba), skm.roc_auc_score(y_te, proba, multi_class="ovo")),
    }
    for name, (mine, ref) in results.items():
        assert abs(mine - ref) < 1e-12, name
        print(f"  {name:<13} {mine:.4f}")
    print("multi-class AUC (one-vs-rest, one-vs-one) matches scikit-learn within 1e-12")
# --8<-- [end:check-multiclass]


def main() -> None:
    check_hand_example()
    check_invariance()
    check_calibrated_thresholds()
    check_multiclass_auc()


if __name__ == "__main__":
    main()
