"""Ranking and classification metrics from scratch, checked against scikit-learn.

Run from the repository root:

    .venv/bin/python docs_src/cheatsheets/evaluation-metrics.py

NDCG@K (linear gain, log2 discount) must match sklearn.metrics.ndcg_score; the exponential-gain
variant must differ on graded labels and coincide on binary ones; precision@K and recall@K are
checked on a hand-worked list; ROC AUC computed as P(score of a positive > score of a negative)
must match roc_auc_score, and step-wise average precision must match average_precision_score.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, ndcg_score, roc_auc_score

Array = np.ndarray
rng = np.random.default_rng(0)


rel = rng.integers(0, 4, size=(50, 20)).astype(float)  # 50 queries, 20 items, grades 0-3
score = rng.normal(size=(50, 20))  # continuous, so no ties


# --8<-- [start:ndcg]
def dcg_at_k(rel: Array, s: Array, k: int) -> float:
    """DCG@K of one query, linear gain as in sklearn."""
    top = rel[np.argsort(-s)][:k]  # ranked relevances
    disc = np.log2(np.arange(2, top.size + 2))
    return float(np.sum(top / disc))


def ndcg_at_k(rel: Array, s: Array, k: int) -> float:
    """DCG@K / IDCG@K, or 0 if no item is relevant."""
    ideal = dcg_at_k(rel, rel, k)
    return dcg_at_k(rel, s, k) / ideal if ideal else 0.0


# rel, score: (n_queries, n_items) arrays
ours = [ndcg_at_k(r, s, 5) for r, s in zip(rel, score)]
ref = ndcg_score(rel, score, k=5)  # mean over queries
assert abs(np.mean(ours) - ref) < 1e-12
# --8<-- [end:ndcg]

# Exponential gain 2^rel - 1 is linear gain applied to transformed labels (the ideal order is
# unchanged), so it is a different metric on graded labels and the same one on binary labels.
ours = float(np.mean(ours))
ours_exp = float(np.mean([ndcg_at_k(2.0**r - 1, s, 5) for r, s in zip(rel, score)]))
top = rel[0][np.argsort(-score[0])][:5]  # hand check of the exponential formula on one query
idcg = np.sort(rel[0])[::-1][:5]
disc = np.log2(np.arange(2, 7))
assert abs(ndcg_at_k(2.0**rel[0] - 1, score[0], 5)
           - np.sum((2**top - 1) / disc) / np.sum((2**idcg - 1) / disc)) < 1e-12
assert abs(ours_exp - ours) > 1e-3
binary = (rel > 1).astype(float)
for r, s in zip(binary, score):
    assert abs(ndcg_at_k(r, s, 5) - ndcg_at_k(2.0**r - 1, s, 5)) < 1e-15
assert abs(np.mean([ndcg_at_k(r, s, 5) for r, s in zip(binary, score)])
           - ndcg_score(binary, score, k=5)) < 1e-12

# A perfect ranking scores 1; a query with no relevant item scores 0 in both implementations.
assert abs(ndcg_at_k(rel[0], rel[0], 5) - 1.0) < 1e-12
zeros = np.zeros((1, 20))
assert ndcg_at_k(zeros[0], score[0], 5) == 0.0 == ndcg_score(zeros, score[:1], k=5)


def precision_recall_at_k(rel: Array, score: Array, k: int) -> tuple[float, float]:
    """Precision@K and recall@K for binary relevance."""
    hits = rel[np.argsort(-score)][:k].sum()
    return float(hits / k), float(hits / rel.sum())


# Ranked list with relevant items at positions 1, 3, 6 and 8.
r = np.array([1, 0, 1, 0, 0, 1, 0, 1], dtype=float)
s = np.array([8, 7, 6, 5, 4, 3, 2, 1], dtype=float)  # already in ranked order
p5, r5 = precision_recall_at_k(r, s, k=5)
assert (p5, r5) == (2 / 5, 2 / 4)


# --8<-- [start:auc]
y = rng.integers(0, 2, size=400)
p = 0.3 * y + rng.normal(0.35, 0.2, size=400)
p = np.clip(p, 0, 1).round(2)  # rounding creates ties
pos, neg = p[y == 1], p[y == 0]
diff = pos[:, None] - neg[None, :]  # every pos-neg pair
auc = np.mean(diff > 0) + 0.5 * np.mean(diff == 0)
assert abs(auc - roc_auc_score(y, p)) < 1e-12
# --8<-- [end:auc]


def average_precision(y: Array, p: Array) -> float:
    """Step-wise AP: sum over thresholds of (recall gain) x precision, no interpolation."""
    order = np.argsort(-p, kind="stable")
    y_sorted, p_sorted = y[order], p[order]
    last = np.r_[np.flatnonzero(np.diff(p_sorted)), y.size - 1]  # end of each tied score block
    tp = np.cumsum(y_sorted)[last]
    precision = tp / (last + 1)
    recall = tp / y.sum()
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


assert abs(average_precision(y, p) - average_precision_score(y, p)) < 1e-12
# A ranking scored at random has AP close to the prevalence, not 0.5.
y_rare = (rng.random(20_000) < 0.05).astype(int)
ap_random = average_precision(y_rare, rng.random(20_000))
assert abs(ap_random - y_rare.mean()) < 0.01

print(f"NDCG@5 linear {ours:.4f} = sklearn; exponential gain {ours_exp:.4f}; "
      f"P@5 = {p5}, R@5 = {r5}; AUC {auc:.4f} = sklearn; AP matches; random AP {ap_random:.3f}")
