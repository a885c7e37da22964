"""Confusion matrices and the metrics built on them, written from scratch in NumPy.

Run from the repository root (or from anywhere):

    .venv/bin/python docs_src/ml_breadth/evaluation_metrics.py

Every function is checked against scikit-learn with a stated tolerance, and the worked
examples on the page (a screening test and a three-class problem) are reproduced and asserted.
"""

from __future__ import annotations

import math

import numpy as np
from sklearn import metrics as skm

Array = np.ndarray


# --8<-- [start:confusion]
def confusion_matrix(y_true: Array, y_pred: Array, n_classes: int) -> Array:
    """C[i, j] = number of samples whose true class is i and predicted class is j."""
    # Encode each (true, predicted) pair as one integer, then count: O(n) and no Python loop.
    codes = y_true * n_classes + y_pred
    return np.bincount(codes, minlength=n_classes**2).reshape(n_classes, n_classes)


def one_vs_rest_counts(C: Array) -> tuple[Array, Array, Array, Array]:
    """Per-class TP, FP, FN, TN from a K x K confusion matrix (rows true, columns predicted)."""
    tp = np.diag(C)
    fp = C.sum(axis=0) - tp  # predicted as k, truly something else
    fn = C.sum(axis=1) - tp  # truly k, predicted as something else
    tn = C.sum() - tp - fp - fn
    return tp, fp, fn, tn
# --8<-- [end:confusion]


# --8<-- [start:rates]
def ratio(num: float, den: float) -> float:
    """num / den, or 0.0 when den == 0 (scikit-learn's zero_division default, minus the warning)."""
    return num / den if den else 0.0


def binary_report(tp: int, fp: int, fn: int, tn: int, beta: float = 1.0) -> dict[str, float]:
    """The rates of a 2 x 2 confusion matrix."""
    precision = ratio(tp, tp + fp)      # of the predicted positives, how many are real
    recall = ratio(tp, tp + fn)         # of the real positives, how many were found (TPR)
    specificity = ratio(tn, tn + fp)    # of the real negatives, how many were cleared (TNR)
    b2 = beta**2
    f_beta = ratio((1 + b2) * tp, (1 + b2) * tp + b2 * fn + fp)
    return {"accuracy": (tp + tn) / (tp + fp + fn + tn), "precision": precision,
            "recall": recall, "specificity": specificity, "fpr": 1 - specificity,
            "npv": ratio(tn, tn + fn), f"f{beta:g}": f_beta}
# --8<-- [end:rates]


# --8<-- [start:imbalanced]
def balanced_accuracy(C: Array) -> float:
    """Mean of the per-class recalls (for two classes: (TPR + TNR) / 2)."""
    return float(np.mean(np.diag(C) / C.sum(axis=1)))


def mcc_binary(tp: int, fp: int, fn: int, tn: int) -> float:
    """Matthews correlation coefficient; 0 when a row or column of the matrix is empty."""
    den = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return ratio(tp * tn - fp * fn, den)


def cohen_kappa(C: Array) -> float:
    """Agreement beyond chance: (p_o - p_e) / (1 - p_e), chance from the row and column totals."""
    n = C.sum()
    p_o = np.trace(C) / n
    p_e = np.sum(C.sum(axis=1) * C.sum(axis=0)) / n**2
    return float((p_o - p_e) / (1 - p_e))


def expected_cost(C: Array, cost: Array) -> float:
    """Average cost per sample; cost[i, j] is the price of predicting j when the truth is i."""
    return float(np.sum(C * cost) / C.sum())
# --8<-- [end:imbalanced]


# --8<-- [start:averaging]
def averaged_prf(C: Array, average: str) -> tuple[float, float, float]:
    """Precision, recall and F1 averaged over classes: 'macro', 'weighted' or 'micro'."""
    tp, fp, fn, _ = one_vs_rest_counts(C)
    if average == "micro":
        # Pool the counts first, then compute one precision, recall and F1.
        tp, fp, fn = tp.sum(), fp.sum(), fn.sum()
        p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
        return p, r, ratio(2 * tp, 2 * tp + fp + fn)
    p = np.array([ratio(a, a + b) for a, b in zip(tp, fp)])
    r = np.array([ratio(a, a + b) for a, b in zip(tp, fn)])
    f1 = np.array([ratio(2 * a, 2 * a + b + c) for a, b, c in zip(tp, fp, fn)])
    # Macro: every class counts once. Weighted: each class counts by its support (row total).
    weights = np.ones(len(tp)) if average == "macro" else C.sum(axis=1).astype(float)
    weights = weights / weights.sum()
    return float(p @ weights), float(r @ weights), float(f1 @ weights)
# --8<-- [end:averaging]


def labels_from_counts(tp: int, fp: int, fn: int, tn: int) -> tuple[Array, Array]:
    """Arrays y_true, y_pred that produce the given 2 x 2 confusion matrix."""
    y_true = np.r_[np.ones(tp + fn, int), np.zeros(fp + tn, int)]
    y_pred = np.r_[np.ones(tp, int), np.zeros(fn, int), np.ones(fp, int), np.zeros(tn, int)]
    return y_true, y_pred


def labels_from_matrix(C: Array) -> tuple[Array, Array]:
    """Arrays y_true, y_pred whose confusion matrix is C."""
    K = C.shape[0]
    pairs = [(i, j) for i in range(K) for j in range(K)]
    y_true = np.concatenate([np.full(C[i, j], i) for i, j in pairs])
    y_pred = np.concatenate([np.full(C[i, j], j) for i, j in pairs])
    return y_true, y_pred


# --8<-- [start:check-binary]
def check_binary() -> None:
    """Screening example: 1,000 people, 50 ill; the test flags 60, of whom 40 are ill."""
    tp, fp, fn, tn = 40, 20, 10, 930
    y_true, y_pred = labels_from_counts(tp, fp, fn, tn)
    C = confusion_matrix(y_true, y_pred, 2)
    assert np.array_equal(C, skm.confusion_matrix(y_true, y_pred))
    assert np.array_equal(C, [[tn, fp], [fn, tp]])  # rows true, columns predicted, label 0 first
    assert tuple(skm.confusion_matrix(y_true, y_pred).ravel()) == (tn, fp, fn, tp)

    rep = binary_report(tp, fp, fn, tn)
    rep2 = binary_report(tp, fp, fn, tn, beta=2.0)
    tol = 1e-12
    assert abs(rep["accuracy"] - skm.accuracy_score(y_true, y_pred)) < tol
    assert abs(rep["precision"] - skm.precision_score(y_true, y_pred)) < tol
    assert abs(rep["recall"] - skm.recall_score(y_true, y_pred)) < tol
    # Specificity is the recall of the negative class.
    assert abs(rep["specificity"] - skm.recall_score(y_true, y_pred, pos_label=0)) < tol
    assert abs(rep["f1"] - skm.f1_score(y_true, y_pred)) < tol
    assert abs(rep2["f2"] - skm.fbeta_score(y_true, y_pred, beta=2)) < tol
    # The count form of F-beta equals the precision-recall form.
    p, r = rep["precision"], rep["recall"]
    assert abs(rep2["f2"] - 5 * p * r / (4 * p + r)) < tol

    bal = balanced_accuracy(C)
    mcc = mcc_binary(tp, fp, fn, tn)
    kappa = cohen_kappa(C)
    assert abs(bal - skm.balanced_accuracy_score(y_true, y_pred)) < tol
    assert abs(mcc - skm.matthews_corrcoef(y_true, y_pred)) < tol
    assert abs(kappa - skm.cohen_kappa_score(y_true, y_pred)) < tol
    # MCC is Pearson's correlation between the 0/1 truth and the 0/1 prediction.
    assert abs(mcc - np.corrcoef(y_true, y_pred)[0, 1]) < tol
    # MCC does not care which class you call positive; F1 does.
    assert abs(mcc - mcc_binary(tn, fn, fp, tp)) < tol
    assert abs(rep["f1"] - binary_report(tn, fn, fp, tp)["f1"]) > 0.1

    # The all-negative baseline: higher accuracy than the real test, zero on everything else.
    base = np.zeros_like(y_true)
    assert skm.accuracy_score(y_true, base) == 0.95 > 0.0 and rep["accuracy"] == 0.97
    assert skm.balanced_accuracy_score(y_true, base) == 0.5
    assert mcc_binary(0, 0, 50, 950) == 0.0 == skm.matthews_corrcoef(y_true, base)

    # A missed case costs 20 times a false alarm (cost[i, j]: truth i, prediction j).
    cost = np.array([[0.0, 1.0], [20.0, 0.0]])
    test_cost, base_cost = expected_cost(C, cost), expected_cost(confusion_matrix(y_true, base, 2), cost)
    assert abs(test_cost - (20 * 1 + 10 * 20) / 1000) < tol and abs(base_cost - 1.0) < tol

    print("screening example (TP=40, FP=20, FN=10, TN=930):")
    for name, value in [*rep.items(), ("f2", rep2["f2"]), ("balanced accuracy", bal),
                        ("MCC", mcc), ("Cohen's kappa", kappa)]:
        print(f"  {name:<18} {value:.4f}")
    print(f"  expected cost per person: test {test_cost:.3f}, all-negative baseline {base_cost:.3f}")
    print("binary metrics match scikit-learn within 1e-12")
# --8<-- [end:check-binary]


# --8<-- [start:check-multiclass]
def check_multiclass() -> None:
    """Three classes with supports 55, 35 and 10: macro, weighted and micro averages differ."""
    C = np.array([[50, 3, 2],
                  [10, 20, 5],
                  [2, 3, 5]])
    y_true, y_pred = labels_from_matrix(C)
    assert np.array_equal(confusion_matrix(y_true, y_pred, 3), skm.confusion_matrix(y_true, y_pred))
    # Per-class 2 x 2 matrices, laid out [[TN, FP], [FN, TP]] like scikit-learn's.
    tp, fp, fn, tn = one_vs_rest_counts(C)
    mcm = skm.multilabel_confusion_matrix(y_true, y_pred)
    assert np.array_equal(mcm, np.stack([tn, fp, fn, tp], axis=1).reshape(3, 2, 2))

    tol = 1e-12
    results = {}
    for average in ("macro", "weighted", "micro"):
        mine = averaged_prf(C, average)
        ref = skm.precision_recall_fscore_support(y_true, y_pred, average=average)[:3]
        assert np.allclose(mine, ref, rtol=0, atol=tol), average
        results[average] = mine
    acc = np.trace(C) / C.sum()
    # Single-label multi-class: every error is one FP and one FN, so micro P = R = F1 = accuracy.
    assert np.allclose(results["micro"], acc, atol=tol)
    # Support-weighted recall is accuracy too: sum_k (n_k / n) * (TP_k / n_k) = sum_k TP_k / n.
    assert abs(results["weighted"][1] - acc) < tol
    # Kappa and MCC generalise to K classes; check the K-class kappa.
    assert abs(cohen_kappa(C) - skm.cohen_kappa_score(y_true, y_pred)) < tol

    per_class_f1 = skm.f1_score(y_true, y_pred, average=None)
    print("three-class example: per-class F1", np.round(per_class_f1, 4))
    for average, (p, r, f) in results.items():
        print(f"  {average:<9} precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}")
    print(f"  accuracy {acc:.4f} (= micro P = micro R = micro F1 = weighted recall)")
    print("multi-class averages match scikit-learn within 1e-12")
# --8<-- [end:check-multiclass]


def main() -> None:
    check_binary()
    check_multiclass()


if __name__ == "__main__":
    main()
