"""Bias-variance decomposition of k-NN regression, exact and simulated.

Run from anywhere:

    python docs_src/ml_breadth/foundations_bias_variance.py

The training inputs are held fixed and only the label noise is redrawn, so for k-NN the bias
and variance have closed forms: bias = f(x0) - mean of f over the k neighbours, and
variance = sigma^2 / k. The script checks the closed forms, and their sum, against simulation,
and checks the from-scratch predictions against sklearn's KNeighborsRegressor.
"""

from __future__ import annotations

import numpy as np
from sklearn.neighbors import KNeighborsRegressor

Array = np.ndarray


def f(x: Array) -> Array:
    """The true regression function."""
    return np.sin(2 * np.pi * x)


def main() -> None:
    # --8<-- [start:setup]
    rng = np.random.default_rng(0)
    n_samples, sigma, n_repeats = 100, 0.3, 4000
    x_train = np.sort(rng.random(n_samples))  # fixed design: the x's never change
    x_test = np.linspace(0.05, 0.95, 40)
    # Each repeat draws fresh label noise, i.e. a new training set with the same x's.
    Y = f(x_train) + sigma * rng.normal(size=(n_repeats, n_samples))
    y0 = f(x_test) + sigma * rng.normal(size=(n_repeats, x_test.size))  # fresh test labels
    order = np.argsort(np.abs(x_test[:, None] - x_train[None, :]), axis=1)
    # --8<-- [end:setup]

    # --8<-- [start:decompose]
    print("  k   bias^2   variance  sigma^2/k  noise   sum     simulated MSE")
    for k in (1, 3, 10, 30, 100):
        neighbours = order[:, :k]                      # (n_test, k), same for every repeat
        pred = Y[:, neighbours].mean(axis=2)           # (n_repeats, n_test)
        bias2 = np.mean((f(x_test) - f(x_train)[neighbours].mean(axis=1)) ** 2)  # exact
        variance = pred.var(axis=0).mean()             # simulated
        noise = sigma**2
        mse = np.mean((y0 - pred) ** 2)                # simulated expected test error
        print(f"{k:3d}  {bias2:7.4f}  {variance:9.4f}  {sigma**2 / k:9.4f}  {noise:5.3f}"
              f"  {bias2 + variance + noise:6.4f}  {mse:13.4f}")
        assert abs(variance / (sigma**2 / k) - 1) < 0.05   # sampling error ~ sqrt(2/4000)
        assert abs(bias2 + variance + noise - mse) < 0.02 * mse
        # The from-scratch prediction is sklearn's (first repeat, same neighbours).
        ref = KNeighborsRegressor(n_neighbors=k).fit(x_train[:, None], Y[0])
        assert np.allclose(ref.predict(x_test[:, None]), pred[0], rtol=1e-12)
    print("variance = sigma^2/k within 5%, bias^2 + variance + noise = simulated MSE within 2%")
    # --8<-- [end:decompose]


if __name__ == "__main__":
    main()
