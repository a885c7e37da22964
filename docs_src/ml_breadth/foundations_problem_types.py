"""The hand-computed losses and metrics of the problem-types table, recomputed with scikit-learn.

Run from anywhere:

    python docs_src/ml_breadth/foundations_problem_types.py
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import (log_loss, mean_absolute_error, mean_squared_error, ndcg_score,
                             r2_score, silhouette_samples)


def main() -> None:
    # --8<-- [start:check-table]
    # Classification: log loss of p = 0.8 when the truth is 1, then when it is 0.
    assert np.isclose(log_loss([1], [0.8], labels=[0, 1]), -np.log(0.8), rtol=1e-12)
    assert np.isclose(log_loss([0], [0.8], labels=[0, 1]), -np.log(0.2), rtol=1e-12)
    assert np.isclose(log_loss([0], [[0.7, 0.2, 0.1]], labels=[0, 1, 2]), -np.log(0.7))

    # Regression: residuals (0.5, 0, -2).
    y, y_hat = np.array([3.0, 5.0, 8.0]), np.array([2.5, 5.0, 10.0])
    mse = mean_squared_error(y, y_hat)
    assert np.isclose(mse, 4.25 / 3) and np.isclose(mean_absolute_error(y, y_hat), 2.5 / 3)
    assert np.isclose(r2_score(y, y_hat), 1 - 4.25 / (38 / 3))      # SS_tot = 12.67
    print(f"MSE {mse:.3f}  RMSE {np.sqrt(mse):.3f}  MAE {mean_absolute_error(y, y_hat):.3f}"
          f"  R^2 {r2_score(y, y_hat):.3f}")

    # Clustering: 1, 2, 9, 10 on a line.
    X = np.array([[1.0], [2.0], [9.0], [10.0]])
    km = KMeans(n_clusters=2, n_init=10, random_state=0).fit(X)
    sil = silhouette_samples(X, km.labels_)
    assert np.isclose(km.inertia_, 1.0) and np.isclose(sil[0], 7.5 / 8.5)
    print(f"inertia {km.inertia_:.3f}  silhouette of point 1 {sil[0]:.3f}  mean {sil.mean():.3f}")

    # Ranking: the model returns items with relevance 3, 2, 0, 1 in that order.
    ndcg = ndcg_score([[3, 2, 0, 1]], [[4, 3, 2, 1]])  # scores 4 > 3 > 2 > 1 set the order
    dcg = 3 + 2 / np.log2(3) + 0 / np.log2(4) + 1 / np.log2(5)
    ideal = 3 + 2 / np.log2(3) + 1 / np.log2(4) + 0 / np.log2(5)
    assert np.isclose(ndcg, dcg / ideal, rtol=1e-12)
    print(f"DCG {dcg:.3f}  ideal DCG {ideal:.3f}  NDCG@4 {ndcg:.3f}")
    print("every number in the table matches scikit-learn")
    # --8<-- [end:check-table]


if __name__ == "__main__":
    main()
