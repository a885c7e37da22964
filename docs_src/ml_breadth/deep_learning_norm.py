"""Batch, layer, instance and group normalisation and RMSNorm on an (N, C, H, W) tensor.

Run from any folder:

    python docs_src/ml_breadth/deep_learning_norm.py

Checks: batch norm equals scikit-learn's StandardScaler applied per channel; layer norm equals
a per-example standardisation; group norm with one group is layer norm and with C groups is
instance norm; RMSNorm equals layer norm on zero-mean inputs; in training mode one example's
batch-norm output depends on the rest of the batch, in inference mode and for layer norm it
does not; running averages converge to the population statistics.
"""

from __future__ import annotations

import numpy as np
from sklearn.preprocessing import StandardScaler

Array = np.ndarray
EPS = 1e-5


# --8<-- [start:norms]
def normalise(x: Array, axes: tuple[int, ...]) -> Array:
    """Subtract the mean and divide by the (biased) standard deviation over `axes`."""
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return (x - mu) / np.sqrt(var + EPS)


def batch_norm_train(x: Array, gamma: Array, beta: Array, running: dict, momentum: float = 0.1):
    """Per channel over (N, H, W); also updates the running averages used at inference."""
    mu, var = x.mean(axis=(0, 2, 3)), x.var(axis=(0, 2, 3))
    running["mean"] = (1 - momentum) * running["mean"] + momentum * mu
    m = x.shape[0] * x.shape[2] * x.shape[3]
    running["var"] = (1 - momentum) * running["var"] + momentum * var * m / (m - 1)  # unbiased
    y = normalise(x, (0, 2, 3))
    return gamma[None, :, None, None] * y + beta[None, :, None, None]


def batch_norm_eval(x: Array, gamma: Array, beta: Array, running: dict) -> Array:
    """Inference: fixed running statistics, so each example is processed on its own."""
    mu, var = running["mean"][None, :, None, None], running["var"][None, :, None, None]
    return gamma[None, :, None, None] * (x - mu) / np.sqrt(var + EPS) + beta[None, :, None, None]


def layer_norm(x: Array) -> Array:
    """Per example over (C, H, W): no dependence on the batch (gamma, beta omitted)."""
    return normalise(x, (1, 2, 3))


def instance_norm(x: Array) -> Array:
    """Per example and per channel over (H, W)."""
    return normalise(x, (2, 3))


def group_norm(x: Array, n_groups: int) -> Array:
    """Per example over groups of C / n_groups channels and (H, W)."""
    N, C, H, W = x.shape
    g = x.reshape(N, n_groups, C // n_groups, H, W)
    return normalise(g, (2, 3, 4)).reshape(N, C, H, W)


def rms_norm(h: Array, gain: Array) -> Array:
    """RMSNorm on the last axis: divide by the root mean square, no centring, no shift."""
    return gain * h / np.sqrt(np.mean(h**2, axis=-1, keepdims=True) + EPS)
# --8<-- [end:norms]


def main() -> None:
    rng = np.random.default_rng(0)
    # --8<-- [start:check]
    N, C, H, W = 8, 6, 5, 5
    x = rng.normal(loc=3.0, scale=2.0, size=(N, C, H, W))
    gamma, beta = np.ones(C), np.zeros(C)
    running = {"mean": np.zeros(C), "var": np.ones(C)}

    # Batch norm = StandardScaler on a (N*H*W, C) table: one column per channel.
    bn = batch_norm_train(x, gamma, beta, running)
    table = x.transpose(0, 2, 3, 1).reshape(-1, C)
    ref = StandardScaler().fit_transform(table).reshape(N, H, W, C).transpose(0, 3, 1, 2)
    assert np.allclose(bn, ref, atol=1e-5)  # StandardScaler has no eps; EPS / var ~ 1e-6
    # Layer norm = StandardScaler on the transposed (C*H*W, N) table: one column per example.
    ln = layer_norm(x)
    ref_ln = StandardScaler().fit_transform(x.reshape(N, -1).T).T.reshape(x.shape)
    assert np.allclose(ln, ref_ln, atol=1e-5)
    assert np.allclose(group_norm(x, 1), ln) and np.allclose(group_norm(x, C), instance_norm(x))
    h = rng.normal(size=(4, 16))
    h -= h.mean(axis=1, keepdims=True)                      # centred rows: RMS = std
    assert np.allclose(rms_norm(h, np.ones(16)), normalise(h, (1,)))
    print("batch/layer norm match StandardScaler; GN(1) = LN, GN(C) = IN; RMSNorm = LN if centred")

    # Training mode: example 0's output changes when its batch-mates change.
    other = x.copy()
    other[1:] = rng.normal(loc=-1.0, size=other[1:].shape)
    scratch = {"mean": np.zeros(C), "var": np.ones(C)}
    shift = np.abs(batch_norm_train(other, gamma, beta, scratch)[0] - bn[0]).max()
    assert shift > 0.1
    assert np.allclose(layer_norm(other)[0], ln[0])         # layer norm: per example
    print(f"batch norm in training mode: example 0 moves by up to {shift:.2f} "
          "when the rest of the batch changes; layer norm does not move")

    # Running averages converge to the population statistics (mean 3, variance 4).
    for _ in range(300):
        batch_norm_train(rng.normal(3.0, 2.0, size=(N, C, H, W)), gamma, beta, running)
    assert np.allclose(running["mean"], 3.0, atol=0.15) and np.allclose(running["var"], 4.0, rtol=0.1)
    single = batch_norm_eval(x[:1], gamma, beta, running)
    assert np.allclose(single, batch_norm_eval(x, gamma, beta, running)[:1])  # batch-independent
    print(f"running mean {running['mean'].mean():.2f}, running var {running['var'].mean():.2f}; "
          "inference output of one example does not depend on the batch")
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
