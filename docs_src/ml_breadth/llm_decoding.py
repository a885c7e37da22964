"""Decoding and inference arithmetic: temperature, top-k, top-p, the KV cache and weight quantisation.

Run from anywhere:

    python docs_src/ml_breadth/llm_decoding.py

Checks: temperature, top-k and top-p (nucleus) filtering against hand calculations; an
inverse-CDF sampler against the filtered distribution (scipy.stats.chisquare); the KV-cache
formula for LLaMA-2-7B and -70B shapes; absmax int8 / int4 quantisation error bounds and why
per-block scales beat one scale per tensor when there are outliers.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import chisquare

Array = np.ndarray


# --8<-- [start:sampling]
def softmax_t(logits: Array, temperature: float) -> Array:
    """p_i proportional to exp(z_i / T): T < 1 sharpens, T > 1 flattens, T -> 0 is greedy."""
    z = logits / temperature
    e = np.exp(z - z.max())
    return e / e.sum()


def top_k_filter(probs: Array, k: int) -> Array:
    """Keep the k most probable tokens and renormalise."""
    keep = np.argsort(-probs, kind="stable")[:k]
    out = np.zeros_like(probs)
    out[keep] = probs[keep]
    return out / out.sum()


def top_p_filter(probs: Array, p: float) -> Array:
    """Nucleus: keep the smallest set of most probable tokens whose mass reaches p."""
    order = np.argsort(-probs, kind="stable")
    cumulative = np.cumsum(probs[order])
    n_keep = int(np.searchsorted(cumulative, p - 1e-12)) + 1  # first index where mass >= p
    out = np.zeros_like(probs)
    out[order[:n_keep]] = probs[order[:n_keep]]
    return out / out.sum()


def sample(probs: Array, rng: np.random.Generator, size: int) -> Array:
    """Inverse-CDF sampling: a uniform number falls into token i's slice of [0, 1)."""
    return np.searchsorted(np.cumsum(probs), rng.random(size), side="right")
# --8<-- [end:sampling]


# --8<-- [start:check-sampling]
def check_sampling() -> None:
    probs = np.array([0.50, 0.20, 0.15, 0.10, 0.05])
    logits = np.log(probs)
    assert np.allclose(softmax_t(logits, 1.0), probs)
    # T = 0.5 squares the probabilities before renormalising: 0.25, 0.04, ... / 0.325.
    assert np.allclose(softmax_t(logits, 0.5), probs**2 / 0.325)
    assert np.allclose(softmax_t(logits, 1e-3), [1, 0, 0, 0, 0])            # greedy
    assert np.allclose(softmax_t(logits, 1e3), 0.2, atol=1e-3)              # near uniform
    assert np.allclose(top_k_filter(probs, 2), [0.5 / 0.7, 0.2 / 0.7, 0, 0, 0])
    assert np.allclose(top_p_filter(probs, 0.8), [0.5 / 0.85, 0.2 / 0.85, 0.15 / 0.85, 0, 0])
    assert np.allclose(top_p_filter(probs, 0.5), [1, 0, 0, 0, 0])  # 0.5 alone reaches p
    print(f"T = 0.5: {softmax_t(logits, 0.5).round(3)}")
    print(f"top-k 2: {top_k_filter(probs, 2).round(3)}")
    print(f"top-p .8: {top_p_filter(probs, 0.8).round(3)}")
    rng = np.random.default_rng(0)
    target = top_p_filter(probs, 0.8)
    draws = sample(target, rng, 200_000)
    counts = np.bincount(draws, minlength=5)
    assert counts[3:].sum() == 0  # filtered tokens are never produced
    stat = chisquare(counts[:3], 200_000 * target[:3])
    assert stat.pvalue > 1e-3
    print(f"200,000 nucleus samples: frequencies {(counts / 200_000).round(3)}, "
          f"chi-square p = {stat.pvalue:.2f}")
# --8<-- [end:check-sampling]


# --8<-- [start:kv-cache]
def kv_cache_bytes(n_layers: int, n_kv_heads: int, d_head: int, n_tokens: int,
                   bytes_per_value: float, batch: int = 1) -> float:
    """Keys and values (the 2) for every layer, KV head, head dimension and cached token."""
    return 2 * n_layers * n_kv_heads * d_head * n_tokens * bytes_per_value * batch


def check_kv_cache() -> None:
    gib = 2**30
    llama7 = kv_cache_bytes(n_layers=32, n_kv_heads=32, d_head=128, n_tokens=4096, bytes_per_value=2)
    assert llama7 == 2 * gib  # 0.5 MiB per token
    # LLaMA-2-70B: 80 layers, 64 query heads but only 8 key/value heads (grouped-query attention).
    llama70_gqa = kv_cache_bytes(80, 8, 128, 4096, 2)
    llama70_mha = kv_cache_bytes(80, 64, 128, 4096, 2)
    assert llama70_gqa == 1.25 * gib and llama70_mha == 8 * llama70_gqa
    batch32 = kv_cache_bytes(32, 32, 128, 4096, 2, batch=32)
    assert batch32 / 1e9 > 4 * 13.5  # 32 sequences: the cache is several times the 13.5 GB of weights
    print(f"KV cache at 4,096 tokens, fp16: 7B {llama7 / gib:.2f} GiB; 70B with GQA "
          f"{llama70_gqa / gib:.2f} GiB (would be {llama70_mha / gib:.0f} GiB with 64 KV heads); "
          f"7B x 32 sequences {batch32 / gib:.0f} GiB")
# --8<-- [end:kv-cache]


# --8<-- [start:quantise]
def absmax_quantise(w: Array, bits: int, block: int) -> tuple[Array, Array]:
    """Symmetric integer quantisation with one scale per block of `block` weights."""
    q_max = 2 ** (bits - 1) - 1                       # 127 for int8, 7 for int4
    blocks = w.reshape(-1, block)
    scale = np.abs(blocks).max(axis=1, keepdims=True) / q_max
    q = np.round(blocks / scale).astype(np.int8)
    return q, scale


def dequantise(q: Array, scale: Array) -> Array:
    return (q * scale).ravel()


def check_quantise() -> None:
    rng = np.random.default_rng(0)
    w = rng.normal(scale=0.02, size=4096 * 64)
    for bits in (8, 4):
        q, scale = absmax_quantise(w, bits, block=64)
        err = np.abs(dequantise(q, scale) - w).reshape(-1, 64)
        assert np.all(err <= scale / 2 + 1e-15)        # rounding error is at most half a step
        rel = np.linalg.norm(dequantise(q, scale) - w) / np.linalg.norm(w)
        print(f"int{bits}, blocks of 64: max error <= half a step; relative error {rel:.4f}")
    # One outlier stretches the scale of whatever shares it.
    w_out = w.copy()
    w_out[123] = 1.0  # 50 standard deviations
    errors = {}
    for name, block in [("one scale per tensor", w.size), ("one scale per 64", 64)]:
        q, scale = absmax_quantise(w_out, 8, block)
        errors[name] = np.linalg.norm(dequantise(q, scale) - w_out) / np.linalg.norm(w_out)
    assert errors["one scale per 64"] < errors["one scale per tensor"] / 10
    print("with one outlier, int8 relative error: "
          + ", ".join(f"{k} {v:.4f}" for k, v in errors.items()))
# --8<-- [end:quantise]


if __name__ == "__main__":
    check_sampling()
    check_kv_cache()
    check_quantise()
    print("all decoding and inference checks passed")
