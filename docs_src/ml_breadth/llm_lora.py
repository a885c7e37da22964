"""LoRA from scratch in NumPy: the low-rank update, its parameter count and merging it away.

Run from anywhere:

    python docs_src/ml_breadth/llm_lora.py

Checks: with B = 0 the adapted layer equals the frozen layer; after training-like updates the
adapter path equals one merged weight W0 + (alpha/r) B A (zero extra inference cost); the update
has rank <= r (numpy.linalg.matrix_rank); at initialisation only B receives a gradient
(finite differences); and parameter counts for a LLaMA-7B-shaped model.
"""

from __future__ import annotations

import numpy as np

Array = np.ndarray


# --8<-- [start:lora]
class LoRALinear:
    """y = x W0^T + (alpha / r) * x A^T B^T, with W0 (d_out, d_in) frozen.

    A (r, d_in) starts random and B (d_out, r) starts at zero, so training starts exactly
    from the pre-trained model. Only A and B are trained.
    """

    def __init__(self, W0: Array, r: int, alpha: float, rng: np.random.Generator) -> None:
        d_out, d_in = W0.shape
        self.W0, self.r, self.scale = W0, r, alpha / r
        self.A = rng.normal(scale=1 / np.sqrt(d_in), size=(r, d_in))
        self.B = np.zeros((d_out, r))

    def forward(self, X: Array) -> Array:
        # Two thin products (d_in -> r -> d_out) instead of forming the d_out x d_in update.
        return X @ self.W0.T + self.scale * (X @ self.A.T) @ self.B.T

    def merged_weight(self) -> Array:
        """Fold the adapter into one matrix for deployment: W0 + (alpha / r) B A."""
        return self.W0 + self.scale * self.B @ self.A

    def n_trainable(self) -> int:
        return self.A.size + self.B.size


def lora_params(d_in: int, d_out: int, r: int) -> int:
    """Trainable parameters of one adapted d_in -> d_out matrix: r (d_in + d_out)."""
    return r * (d_in + d_out)
# --8<-- [end:lora]


# --8<-- [start:check-lora]
def check_lora() -> None:
    rng = np.random.default_rng(0)
    d_in, d_out, r, alpha = 64, 48, 4, 8
    W0 = rng.normal(size=(d_out, d_in))
    layer = LoRALinear(W0, r, alpha, rng)
    X = rng.normal(size=(10, d_in))
    assert np.array_equal(layer.forward(X), X @ W0.T)  # B = 0: exactly the base model
    layer.B = rng.normal(size=(d_out, r))               # stand-in for trained values
    assert np.allclose(layer.forward(X), X @ layer.merged_weight().T, atol=1e-10)
    delta = layer.merged_weight() - W0
    assert np.linalg.matrix_rank(delta) == r
    assert layer.n_trainable() == lora_params(d_in, d_out, r) == 448
    print(f"LoRA {d_in}->{d_out}, r = {r}: adapter output = merged weight (1e-10); "
          f"rank(BA) = {r}; {layer.n_trainable()} trainable vs {W0.size} frozen")
# --8<-- [end:check-lora]


# --8<-- [start:check-grad]
def check_init_gradients() -> None:
    """Loss 0.5 ||layer(X) - Y||^2: at B = 0, dL/dA = 0 but dL/dB is not."""
    rng = np.random.default_rng(1)
    d_in, d_out, r, alpha = 6, 5, 2, 4
    layer = LoRALinear(rng.normal(size=(d_out, d_in)), r, alpha, rng)
    X, Y = rng.normal(size=(8, d_in)), rng.normal(size=(8, d_out))

    def loss() -> float:
        return 0.5 * float(np.sum((layer.forward(X) - Y) ** 2))

    G = layer.forward(X) - Y                           # dL/dy, shape (8, d_out)
    grad_B = layer.scale * G.T @ (X @ layer.A.T)       # (d_out, r)
    grad_A = layer.scale * layer.B.T @ G.T @ X         # (r, d_in): zero while B = 0
    for name, P, analytic in [("A", layer.A, grad_A), ("B", layer.B, grad_B)]:
        numeric = np.zeros_like(P)
        for idx in np.ndindex(P.shape):
            old = P[idx]
            P[idx] = old + 1e-6
            up = loss()
            P[idx] = old - 1e-6
            down = loss()
            P[idx] = old
            numeric[idx] = (up - down) / 2e-6
        assert np.allclose(analytic, numeric, atol=1e-5), name
    assert np.all(grad_A == 0) and np.abs(grad_B).max() > 0.1
    print("at initialisation dL/dA = 0 and dL/dB != 0 (central differences, 1e-5)")
# --8<-- [end:check-grad]


# --8<-- [start:check-counts]
def check_counts() -> None:
    # A LLaMA-7B-shaped model: 32 layers, d_model = 4096, SwiGLU width 11008.
    layers, d, d_ff, r = 32, 4096, 11008, 8
    qv_only = layers * 2 * lora_params(d, d, r)
    attention = 4 * lora_params(d, d, r)
    mlp = 2 * lora_params(d, d_ff, r) + lora_params(d_ff, d, r)  # gate, up, down
    all_linear = layers * (attention + mlp)
    assert qv_only == 4_194_304 and all_linear == 19_988_480
    n_model = 6.74e9
    print(f"r = 8 on W_q, W_v: {qv_only:,} ({qv_only / n_model:.2%} of 6.74 B); "
          f"on all linear layers: {all_linear:,} ({all_linear / n_model:.2%})")
# --8<-- [end:check-counts]


if __name__ == "__main__":
    check_lora()
    check_init_gradients()
    check_counts()
    print("all LoRA checks passed")
