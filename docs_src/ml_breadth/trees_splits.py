"""Decision-tree building blocks from scratch: impurities, the best split, cost-complexity pruning.

Run from anywhere:

    python docs_src/ml_breadth/trees_splits.py

The asserts check the from-scratch numbers against scikit-learn's DecisionTreeClassifier and
DecisionTreeRegressor (node impurities, chosen thresholds) and against
cost_complexity_pruning_path (the sequence of effective alphas).
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_breast_cancer, make_regression
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

Array = np.ndarray


# --8<-- [start:impurity]
def class_proportions(y: Array) -> Array:
    """Fraction of the node's samples in each class present (zeros never appear)."""
    _, counts = np.unique(y, return_counts=True)
    return counts / counts.sum()


def gini(y: Array) -> float:
    """Gini impurity 1 - sum_k p_k^2: chance two random draws (with replacement) disagree."""
    p = class_proportions(y)
    return float(1.0 - np.sum(p**2))


def entropy(y: Array) -> float:
    """Shannon entropy in bits, -sum_k p_k log2 p_k."""
    p = class_proportions(y)
    return float(-np.sum(p * np.log2(p)))


def split_scores(y: Array, left: Array) -> dict[str, float]:
    """Impurity decrease of a binary split; `left` is a boolean mask over the node's samples."""
    n, n_left = len(y), int(left.sum())
    w_left, w_right = n_left / n, 1 - n_left / n
    gini_drop = gini(y) - w_left * gini(y[left]) - w_right * gini(y[~left])
    info_gain = entropy(y) - w_left * entropy(y[left]) - w_right * entropy(y[~left])
    # Split information is the entropy of the branch sizes; it grows with the number of branches.
    split_info = -(w_left * np.log2(w_left) + w_right * np.log2(w_right))
    return {"gini_decrease": gini_drop, "info_gain": info_gain,
            "gain_ratio": info_gain / split_info}


def variance_reduction(y: Array, left: Array) -> float:
    """Regression criterion: drop in mean squared error about the node mean."""
    n_left, n = left.sum(), len(y)
    return float(np.var(y) - n_left / n * np.var(y[left]) - (n - n_left) / n * np.var(y[~left]))
# --8<-- [end:impurity]


# --8<-- [start:best-split]
def best_split(X: Array, y: Array) -> tuple[int, float, float]:
    """Exhaustive greedy search for the Gini-best threshold split: (feature, threshold, decrease).

    Thresholds are midpoints between consecutive distinct sorted values, as in CART.
    """
    best = (-1, np.nan, 0.0)
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for threshold in (values[:-1] + values[1:]) / 2:
            decrease = split_scores(y, X[:, j] <= threshold)["gini_decrease"]
            if decrease > best[2] + 1e-12:
                best = (j, float(threshold), decrease)
    return best
# --8<-- [end:best-split]


# --8<-- [start:pruning]
def pruning_path(tree: DecisionTreeClassifier) -> list[float]:
    """Weakest-link pruning of a fitted tree: the effective alphas at which subtrees collapse.

    R(t) = (n_t / n) * impurity(t). For each internal node t of the current tree,
    g(t) = (R(t) - R(T_t)) / (|leaves(T_t)| - 1); collapse the node with the smallest g.
    """
    t = tree.tree_
    left, right = t.children_left, t.children_right
    risk = t.weighted_n_node_samples / t.weighted_n_node_samples[0] * t.impurity
    collapsed = np.zeros(t.node_count, dtype=bool)

    def branch(node: int) -> tuple[float, int]:
        """Total risk of the leaves under `node` and their number, in the current tree."""
        if left[node] == -1 or collapsed[node]:
            return risk[node], 1
        r_l, n_l = branch(left[node])
        r_r, n_r = branch(right[node])
        return r_l + r_r, n_l + n_r

    def internal_nodes(node: int) -> list[int]:
        if left[node] == -1 or collapsed[node]:
            return []
        return [node] + internal_nodes(left[node]) + internal_nodes(right[node])

    alphas = [0.0]
    while internal_nodes(0):
        candidates = sorted(internal_nodes(0))  # ties go to the lowest node id, as in sklearn
        g = [(risk[v] - branch(v)[0]) / (branch(v)[1] - 1) for v in candidates]
        weakest = candidates[int(np.argmin(g))]
        collapsed[weakest] = True
        alphas.append(float(min(g)))
    return alphas
# --8<-- [end:pruning]


# --8<-- [start:check-hand-example]
def check_hand_example() -> None:
    """The 10-sample split worked by hand on the page."""
    y = np.array([0, 1, 0, 0, 1, 1, 1, 1, 0, 1])          # 6 positives, 4 negatives
    x = np.arange(1.0, 11.0)                               # one feature, already sorted
    left = x <= 4.5                                        # left: 1 positive, 3 negatives
    s = split_scores(y, left)
    print(f"parent: gini {gini(y):.4f}, entropy {entropy(y):.4f} bits")
    print(f"children: gini {gini(y[left]):.4f} / {gini(y[~left]):.4f}, "
          f"entropy {entropy(y[left]):.4f} / {entropy(y[~left]):.4f}")
    print(f"gini decrease {s['gini_decrease']:.4f}, information gain {s['info_gain']:.4f}, "
          f"gain ratio {s['gain_ratio']:.4f}")
    assert np.isclose(gini(y), 0.48) and np.isclose(s["gini_decrease"], 0.48 - 0.95 / 3)

    # sklearn's root node must hold the same impurities.
    for criterion, value in (("gini", gini(y)), ("entropy", entropy(y))):
        stump = DecisionTreeClassifier(max_depth=1, criterion=criterion).fit(x[:, None], y)
        assert np.isclose(stump.tree_.impurity[0], value)
        assert np.isclose(stump.tree_.threshold[0], 4.5)   # the split worked by hand wins
# --8<-- [end:check-hand-example]


# --8<-- [start:check-sklearn]
def check_against_sklearn() -> None:
    """Greedy split, regression criterion and pruning path agree with scikit-learn."""
    X, y = load_breast_cancer(return_X_y=True)
    X = X[:, :6]  # six features keep the exhaustive loop fast
    j, threshold, decrease = best_split(X, y)
    stump = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y)
    t = stump.tree_
    sk_decrease = t.impurity[0] - sum(
        t.weighted_n_node_samples[c] / t.weighted_n_node_samples[0] * t.impurity[c]
        for c in (t.children_left[0], t.children_right[0]))
    assert j == t.feature[0] and np.isclose(threshold, t.threshold[0])
    assert np.isclose(decrease, sk_decrease)
    print(f"best split: feature {j} <= {threshold:.4f}, Gini decrease {decrease:.4f} (= sklearn)")

    Xr, yr = make_regression(n_samples=200, n_features=1, noise=10.0, random_state=0)
    reg = DecisionTreeRegressor(max_depth=1).fit(Xr, yr)
    left = Xr[:, 0] <= reg.tree_.threshold[0]
    vr = variance_reduction(yr, left)
    n_l, n = left.sum(), len(yr)
    # Same quantity in closed form: (n_l n_r / n^2) (mean_l - mean_r)^2.
    closed = n_l * (n - n_l) / n**2 * (yr[left].mean() - yr[~left].mean()) ** 2
    sk_vr = reg.tree_.impurity[0] - sum(
        reg.tree_.weighted_n_node_samples[c] / n * reg.tree_.impurity[c]
        for c in (reg.tree_.children_left[0], reg.tree_.children_right[0]))
    assert np.isclose(vr, closed) and np.isclose(vr, sk_vr)
    print(f"regression stump: variance reduction {vr:.2f} (= closed form = sklearn)")

    full = DecisionTreeClassifier(random_state=0).fit(X, y)
    ours = np.array(pruning_path(full))
    ref = DecisionTreeClassifier(random_state=0).cost_complexity_pruning_path(X, y).ccp_alphas
    assert ours.shape == ref.shape and np.allclose(ours, ref, atol=1e-12)
    print(f"pruning path: {len(ours)} alphas, last {ours[-1]:.4f}, matches sklearn "
          f"({full.get_n_leaves()} leaves before pruning)")
# --8<-- [end:check-sklearn]


def main() -> None:
    check_hand_example()
    check_against_sklearn()
    print("all decision-tree checks passed")


if __name__ == "__main__":
    main()
