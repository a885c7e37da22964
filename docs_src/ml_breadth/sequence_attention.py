"""Attention, multi-head self-attention and a pre-LN transformer block from scratch in NumPy.

Run from anywhere:

    python docs_src/ml_breadth/sequence_attention.py

Checks: attention against a per-query loop with scipy.special.softmax; causal masking (future
tokens cannot change earlier outputs); multi-head attention against separate single heads;
the sinusoidal encoding's rotation property; the KV cache against a full forward pass; and
the closed-form parameter count against the arrays of a block and against the published
sizes of GPT-2 small and BERT-base.
"""

from __future__ import annotations

import numpy as np
from scipy.special import softmax as scipy_softmax

Array = np.ndarray


# --8<-- [start:sdpa]
def softmax(scores: Array, axis: int = -1) -> Array:
    """Numerically stable softmax; a -inf score gets a weight of exactly 0."""
    shifted = scores - scores.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def attention(Q: Array, K: Array, V: Array, mask: Array | None = None) -> tuple[Array, Array]:
    """softmax(Q K^T / sqrt(d_k)) V.

    Q (..., T_q, d_k), K (..., T_k, d_k), V (..., T_k, d_v); mask broadcastable to
    (..., T_q, T_k), True where a query may look at a key. Returns (..., T_q, d_v) and the weights.
    """
    d_k = Q.shape[-1]
    assert K.shape[-1] == d_k and K.shape[-2] == V.shape[-2]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d_k)        # (..., T_q, T_k)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ V, weights


def causal_mask(T: int) -> Array:
    """(T, T) boolean, True on and below the diagonal: position t sees positions 0..t."""
    return np.tril(np.ones((T, T), dtype=bool))
# --8<-- [end:sdpa]


# --8<-- [start:check-sdpa]
def check_attention() -> None:
    rng = np.random.default_rng(0)
    B, T, d_k, d_v = 2, 5, 4, 3
    Q, K, V = rng.normal(size=(B, T, d_k)), rng.normal(size=(B, T, d_k)), rng.normal(size=(B, T, d_v))
    out, w = attention(Q, K, V)
    ref = np.empty_like(out)
    for b in range(B):                                  # one query at a time, with SciPy's softmax
        for t in range(T):
            ref[b, t] = scipy_softmax(K[b] @ Q[b, t] / np.sqrt(d_k)) @ V[b]
    assert out.shape == (B, T, d_v) and np.allclose(out, ref, atol=1e-12)
    assert np.allclose(w.sum(axis=-1), 1.0)

    out_c, w_c = attention(Q, K, V, causal_mask(T))
    assert np.all(w_c[:, ~causal_mask(T)] == 0.0)        # exactly zero above the diagonal
    K2, V2 = K.copy(), V.copy()
    K2[:, 3:], V2[:, 3:] = rng.normal(size=(B, 2, d_k)), rng.normal(size=(B, 2, d_v))
    out_c2, _ = attention(Q, K2, V2, causal_mask(T))
    assert np.allclose(out_c2[:, :3], out_c[:, :3], atol=1e-12)   # future keys/values changed
    print("attention matches a per-query SciPy loop; causal weights above the diagonal are 0;")
    print("  changing tokens 3 and 4 leaves outputs 0..2 unchanged")
# --8<-- [end:check-sdpa]


# --8<-- [start:why-scale]
def why_scale(T: int = 16, n_draws: int = 2000) -> None:
    """Dot products of random unit-variance vectors have variance d_k; scaling restores 1."""
    rng = np.random.default_rng(1)
    for d_k in (16, 512):
        q = rng.normal(size=(n_draws, 1, d_k))
        k = rng.normal(size=(n_draws, T, d_k))
        raw = (q @ np.swapaxes(k, 1, 2))[:, 0]           # (n_draws, T) unscaled scores
        assert abs(raw.var() / d_k - 1) < 0.05
        for label, s in (("unscaled", raw), ("scaled", raw / np.sqrt(d_k))):
            p = softmax(s)
            # Softmax Jacobian diag(p) - p p^T: it vanishes when p is nearly one-hot.
            jac = np.mean([np.linalg.norm(np.diag(r) - np.outer(r, r)) for r in p[:200]])
            print(f"d_k = {d_k:3d} {label:8s}: score std {s.std():5.2f}, mean max weight "
                  f"{p.max(axis=1).mean():.2f}, mean softmax-Jacobian norm {jac:.3f}")
# --8<-- [end:why-scale]


# --8<-- [start:additive]
def additive_scores(s: Array, H_enc: Array, W_s: Array, W_h: Array, v: Array) -> Array:
    """Bahdanau: e_j = v^T tanh(W_s s + W_h h_j). s (d_dec,), H_enc (T_s, d_enc) -> (T_s,)."""
    return np.tanh(s @ W_s.T + H_enc @ W_h.T) @ v


def general_scores(s: Array, H_enc: Array, W_a: Array) -> Array:
    """Luong 'general': e_j = s^T W_a h_j; with W_a = I it is the 'dot' score."""
    return H_enc @ (W_a.T @ s)


def check_encoder_attention() -> None:
    rng = np.random.default_rng(2)
    T_s, d_enc, d_dec, d_a = 6, 8, 8, 5
    H_enc = np.linalg.qr(rng.normal(size=(d_enc, T_s)))[0].T   # orthonormal encoder states
    s = 5.0 * H_enc[3]                                  # decoder state resembling source word 3
    W_s, W_h, v = rng.normal(size=(d_a, d_dec)), rng.normal(size=(d_a, d_enc)), rng.normal(size=d_a)
    e_add = additive_scores(s, H_enc, W_s, W_h, v)
    loop = [v @ np.tanh(W_s @ s + W_h @ H_enc[j]) for j in range(T_s)]
    assert np.allclose(e_add, loop)
    alpha = softmax(general_scores(s, H_enc, np.eye(d_enc)))     # Luong dot
    context = alpha @ H_enc                             # weighted average of encoder states
    assert np.isclose(alpha.sum(), 1.0) and alpha.argmax() == 3
    print(f"Luong dot attention aligns with source position {alpha.argmax()} "
          f"(weight {alpha[3]:.3f}); context vector shape {context.shape}")
# --8<-- [end:additive]


# --8<-- [start:mha]
def split_heads(X: Array, n_heads: int) -> Array:
    """(B, T, d_model) -> (B, h, T, d_k) with d_k = d_model / h."""
    B, T, d_model = X.shape
    return X.reshape(B, T, n_heads, d_model // n_heads).transpose(0, 2, 1, 3)


def merge_heads(X: Array) -> Array:
    """(B, h, T, d_k) -> (B, T, h * d_k): concatenate the heads."""
    B, h, T, d_k = X.shape
    return X.transpose(0, 2, 1, 3).reshape(B, T, h * d_k)


def multi_head_attention(X: Array, p: dict[str, Array], n_heads: int,
                         mask: Array | None = None) -> tuple[Array, Array]:
    """Self-attention: queries, keys and values are all projections of the same X."""
    Q = split_heads(X @ p["W_q"] + p["b_q"], n_heads)
    K = split_heads(X @ p["W_k"] + p["b_k"], n_heads)
    V = split_heads(X @ p["W_v"] + p["b_v"], n_heads)
    heads, weights = attention(Q, K, V, mask)           # (B, h, T, d_k), (B, h, T, T)
    return merge_heads(heads) @ p["W_o"] + p["b_o"], weights
# --8<-- [end:mha]


# --8<-- [start:block]
def layer_norm(X: Array, gamma: Array, beta: Array, eps: float = 1e-5) -> Array:
    """Normalise each token's feature vector to mean 0, variance 1, then scale and shift."""
    mu = X.mean(axis=-1, keepdims=True)
    var = X.var(axis=-1, keepdims=True)
    return gamma * (X - mu) / np.sqrt(var + eps) + beta


def gelu(a: Array) -> Array:
    """GELU, tanh approximation (as in GPT-2)."""
    return 0.5 * a * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (a + 0.044715 * a**3)))


def init_block(d_model: int, d_ff: int, rng: np.random.Generator) -> dict[str, Array]:
    p = {}
    for name in "qkvo":
        p[f"W_{name}"] = rng.normal(scale=d_model**-0.5, size=(d_model, d_model))
        p[f"b_{name}"] = np.zeros(d_model)
    p["W_1"], p["b_1"] = rng.normal(scale=d_model**-0.5, size=(d_model, d_ff)), np.zeros(d_ff)
    p["W_2"], p["b_2"] = rng.normal(scale=d_ff**-0.5, size=(d_ff, d_model)), np.zeros(d_model)
    for ln in ("ln1", "ln2"):
        p[f"{ln}_g"], p[f"{ln}_b"] = np.ones(d_model), np.zeros(d_model)
    return p


def block_forward(X: Array, p: dict[str, Array], n_heads: int, causal: bool = True) -> Array:
    """Pre-LN block: X + MHA(LN(X)), then + FFN(LN(.)). Shape (B, T, d_model) in and out."""
    mask = causal_mask(X.shape[1]) if causal else None
    attn, _ = multi_head_attention(layer_norm(X, p["ln1_g"], p["ln1_b"]), p, n_heads, mask)
    X = X + attn
    hidden = gelu(layer_norm(X, p["ln2_g"], p["ln2_b"]) @ p["W_1"] + p["b_1"])   # (B, T, d_ff)
    return X + hidden @ p["W_2"] + p["b_2"]
# --8<-- [end:block]


# --8<-- [start:check-mha]
def check_multi_head_and_block() -> None:
    rng = np.random.default_rng(3)
    B, T, d_model, n_heads, d_ff = 2, 7, 16, 4, 64
    d_k = d_model // n_heads
    p = init_block(d_model, d_ff, rng)
    for name in "qkvo":
        p[f"b_{name}"] = rng.normal(scale=0.1, size=d_model)
    X = rng.normal(size=(B, T, d_model))
    out, _ = multi_head_attention(X, p, n_heads)
    # Reference: run each head on its own slice of the projection matrices, then concatenate.
    heads = []
    for i in range(n_heads):
        cols = slice(i * d_k, (i + 1) * d_k)
        q = X @ p["W_q"][:, cols] + p["b_q"][cols]
        k = X @ p["W_k"][:, cols] + p["b_k"][cols]
        v = X @ p["W_v"][:, cols] + p["b_v"][cols]
        heads.append(attention(q, k, v)[0])
    ref = np.concatenate(heads, axis=-1) @ p["W_o"] + p["b_o"]
    assert np.allclose(out, ref, atol=1e-12)

    Y = block_forward(X, p, n_heads)
    X2 = X.copy()
    X2[:, 4:] = rng.normal(size=(B, T - 4, d_model))   # change the future
    assert Y.shape == (B, T, d_model)
    assert np.allclose(block_forward(X2, p, n_heads)[:, :4], Y[:, :4], atol=1e-12)
    print(f"multi-head attention equals {n_heads} separate heads concatenated; the causal block")
    print(f"  maps (B, T, d_model) = {X.shape} to {Y.shape} and ignores future tokens")
# --8<-- [end:check-mha]


# --8<-- [start:positional]
def sinusoidal_encoding(T: int, d_model: int) -> Array:
    """PE[t, 2i] = sin(t / 10000^(2i/d_model)), PE[t, 2i+1] = cos(same angle)."""
    t = np.arange(T)[:, None]
    omega = 1.0 / 10000 ** (np.arange(0, d_model, 2) / d_model)   # (d_model/2,) frequencies
    pe = np.empty((T, d_model))
    pe[:, 0::2], pe[:, 1::2] = np.sin(t * omega), np.cos(t * omega)
    return pe


def check_positional(T: int = 64, d_model: int = 16, k: int = 5) -> None:
    pe = sinusoidal_encoding(T, d_model)
    omega = 1.0 / 10000 ** (np.arange(0, d_model, 2) / d_model)
    for i, w in enumerate(omega):
        # For each frequency pair, PE(t + k) = R(k w) PE(t) with a rotation that does not depend on t.
        R = np.array([[np.cos(k * w), np.sin(k * w)], [-np.sin(k * w), np.cos(k * w)]])
        pair = pe[:, 2 * i:2 * i + 2]
        assert np.allclose(pair[k:], pair[:-k] @ R.T, atol=1e-12)
    print(f"sinusoidal encoding: PE(t + {k}) is a fixed rotation of PE(t) in all {d_model // 2} pairs")
# --8<-- [end:positional]


# --8<-- [start:kv-cache]
def decode_with_cache(X: Array, p: dict[str, Array], n_heads: int) -> Array:
    """Process one token at a time, keeping each layer's keys and values from earlier steps."""
    B, T, d_model = X.shape
    K_cache = np.zeros((B, n_heads, 0, d_model // n_heads))
    V_cache = K_cache.copy()
    outputs = []
    for t in range(T):
        x = X[:, t:t + 1]                               # (B, 1, d_model): the new token only
        a = layer_norm(x, p["ln1_g"], p["ln1_b"])
        q = split_heads(a @ p["W_q"] + p["b_q"], n_heads)
        K_cache = np.concatenate([K_cache, split_heads(a @ p["W_k"] + p["b_k"], n_heads)], axis=2)
        V_cache = np.concatenate([V_cache, split_heads(a @ p["W_v"] + p["b_v"], n_heads)], axis=2)
        heads, _ = attention(q, K_cache, V_cache)       # no mask needed: the cache is the past
        x = x + merge_heads(heads) @ p["W_o"] + p["b_o"]
        x = x + gelu(layer_norm(x, p["ln2_g"], p["ln2_b"]) @ p["W_1"] + p["b_1"]) @ p["W_2"] + p["b_2"]
        outputs.append(x)
    return np.concatenate(outputs, axis=1)


def check_kv_cache() -> None:
    rng = np.random.default_rng(4)
    B, T, d_model, n_heads = 2, 9, 16, 4
    p = init_block(d_model, 4 * d_model, rng)
    X = rng.normal(size=(B, T, d_model))
    assert np.allclose(decode_with_cache(X, p, n_heads), block_forward(X, p, n_heads), atol=1e-12)
    n_layers, d, T_max, bytes_per = 12, 768, 1024, 2     # GPT-2 small, 16-bit cache
    cache_bytes = 2 * n_layers * T_max * d * bytes_per   # keys and values, every layer
    print(f"KV-cache decoding equals the full causal forward pass; GPT-2 small at T = {T_max} "
          f"in fp16 caches {cache_bytes / 1e6:.1f} MB per sequence")
# --8<-- [end:kv-cache]


# --8<-- [start:param-count]
def block_param_count(d: int, d_ff: int) -> int:
    """Q, K, V, O with biases + two-layer FFN with biases + two layer norms (scale and shift)."""
    return (4 * d * d + 4 * d) + (2 * d * d_ff + d_ff + d) + 4 * d


def transformer_shapes(vocab: int, T_max: int, d: int, n_layers: int,
                       extra: dict[str, tuple[int, ...]] | None = None) -> dict[str, tuple[int, ...]]:
    """Every weight array of a GPT-2/BERT-style stack, layer by layer (no arrays allocated)."""
    shapes = {"token_embedding": (vocab, d), "position_embedding": (T_max, d)}
    for layer in range(n_layers):
        for name in ("q", "k", "v", "o"):
            shapes[f"{layer}.W_{name}"], shapes[f"{layer}.b_{name}"] = (d, d), (d,)
        shapes[f"{layer}.W_1"], shapes[f"{layer}.b_1"] = (d, 4 * d), (4 * d,)
        shapes[f"{layer}.W_2"], shapes[f"{layer}.b_2"] = (4 * d, d), (d,)
        for ln in ("ln1", "ln2"):
            shapes[f"{layer}.{ln}_g"], shapes[f"{layer}.{ln}_b"] = (d,), (d,)
    shapes.update(extra or {})
    return shapes


def check_parameter_count() -> None:
    rng = np.random.default_rng(5)
    for d, d_ff in ((16, 64), (24, 40)):
        p = init_block(d, d_ff, rng)
        assert sum(a.size for a in p.values()) == block_param_count(d, d_ff)
    d = 768
    assert block_param_count(d, 4 * d) == 12 * d * d + 13 * d
    gpt2 = transformer_shapes(50257, 1024, d, 12, {"final_ln_g": (d,), "final_ln_b": (d,)})
    bert = transformer_shapes(30522, 512, d, 12, {"segment_embedding": (2, d), "emb_ln_g": (d,),
                                                  "emb_ln_b": (d,), "pooler_W": (d, d), "pooler_b": (d,)})
    n_gpt2 = sum(int(np.prod(s)) for s in gpt2.values())
    n_bert = sum(int(np.prod(s)) for s in bert.values())
    assert n_gpt2 == 124_439_808                        # GPT-2 small (output layer tied to the embedding)
    assert n_bert == 109_482_240                        # BERT-base, uncased, with pooler
    per_layer = block_param_count(d, 4 * d)
    print(f"d_model = 768: {per_layer:,} per layer (12 d^2 = {12 * d * d:,}); "
          f"GPT-2 small {n_gpt2:,}, BERT-base {n_bert:,}")
    print(f"  GPT-2 small: embeddings {50257 * d + 1024 * d:,} = "
          f"{(50257 * d + 1024 * d) / n_gpt2:.0%} of the total")
# --8<-- [end:param-count]


def main() -> None:
    check_attention()
    why_scale()
    check_encoder_attention()
    check_multi_head_and_block()
    check_positional()
    check_kv_cache()
    check_parameter_count()
    print("all attention and transformer checks passed")


if __name__ == "__main__":
    main()
