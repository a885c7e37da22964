"""Parametric versus non-parametric, and linear versus non-linear, shown with scikit-learn.

Run from anywhere:

    python docs_src/ml_breadth/foundations_models.py

Checks: logistic regression keeps d + 1 numbers however much data it sees, while a tree, an RBF
SVM and k-NN grow with n; logistic regression's decision rule is exactly sign(X w + b); an
explicit degree-2 feature map reproduces the polynomial kernel; and adding x1^2 + x2^2 as a
feature makes concentric circles linearly separable.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import make_circles, make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics.pairwise import polynomial_kernel
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

Array = np.ndarray


def main() -> None:
    # --8<-- [start:growth]
    print("     n  logistic (d+1)  tree nodes  SVM support vectors  k-NN stored rows")
    sizes = (200, 1000, 5000)
    logistic, tree, svm = [], [], []
    for n_samples in sizes:
        X, y = make_classification(n_samples=n_samples, n_features=4, n_informative=3,
                                   n_redundant=0, flip_y=0.1, random_state=0)
        lr_model = LogisticRegression().fit(X, y)
        logistic.append(lr_model.coef_.size + lr_model.intercept_.size)
        tree.append(DecisionTreeClassifier(random_state=0).fit(X, y).tree_.node_count)
        svm.append(int(SVC(kernel="rbf").fit(X, y).n_support_.sum()))
        knn = KNeighborsClassifier().fit(X, y)
        print(f"{n_samples:6d}  {logistic[-1]:14d}  {tree[-1]:10d}  {svm[-1]:19d}"
              f"  {knn.n_samples_fit_:16d}")
    assert len(set(logistic)) == 1 and logistic[0] == 4 + 1  # fixed: parametric
    assert tree[0] < tree[1] < tree[2] and svm[0] < svm[1] < svm[2]  # grow with n
    # --8<-- [end:growth]

    # --8<-- [start:linear-boundary]
    X, y = make_classification(n_samples=500, n_features=3, n_redundant=0, random_state=1)
    clf = LogisticRegression().fit(X, y)
    w, b = clf.coef_.ravel(), clf.intercept_[0]
    p = clf.predict_proba(X)[:, 1]
    # sigma is increasing, so p >= t  <=>  X w + b >= log(t / (1 - t)): a hyperplane for any t.
    assert np.array_equal(clf.predict(X), (X @ w + b > 0).astype(int))
    t = 0.8
    assert np.array_equal(p >= t, X @ w + b >= np.log(t / (1 - t)))
    print("logistic regression predicts 1 exactly where X w + b > 0 (and p >= 0.8 where"
          " X w + b >= log 4)")
    # --8<-- [end:linear-boundary]

    # --8<-- [start:feature-map]
    def phi(X: Array) -> Array:
        """Explicit feature map whose inner product is the kernel (x.z + 1)^2 in 2-D."""
        x1, x2 = X[:, 0], X[:, 1]
        r2 = np.sqrt(2.0)
        return np.column_stack([np.ones_like(x1), r2 * x1, r2 * x2,
                                x1**2, x2**2, r2 * x1 * x2])

    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(6, 2)), rng.normal(size=(4, 2))
    K = polynomial_kernel(A, B, degree=2, gamma=1.0, coef0=1.0)
    assert np.allclose(phi(A) @ phi(B).T, K, rtol=1e-12)
    print("phi(a) . phi(b) equals sklearn's polynomial kernel (x.z + 1)^2 (rtol 1e-12)")

    X, y = make_circles(n_samples=400, noise=0.05, factor=0.5, random_state=0)
    acc_raw = LogisticRegression().fit(X, y).score(X, y)
    X_mapped = np.column_stack([X, (X**2).sum(axis=1)])  # add the squared radius
    acc_mapped = LogisticRegression().fit(X_mapped, y).score(X_mapped, y)
    print(f"circles: logistic regression on (x1, x2) {acc_raw:.3f};"
          f" on (x1, x2, x1^2 + x2^2) {acc_mapped:.3f}")
    assert acc_raw < 0.7 and acc_mapped > 0.98
    # --8<-- [end:feature-map]


if __name__ == "__main__":
    main()
