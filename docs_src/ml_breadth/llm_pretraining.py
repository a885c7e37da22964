"""Pre-training objectives in NumPy: next-token loss and perplexity, BERT masking, T5 span corruption.

Run from anywhere:

    python docs_src/ml_breadth/llm_pretraining.py

Checks: the mean next-token negative log-likelihood equals sklearn.metrics.log_loss and
perplexity = exp(mean NLL) (V for a uniform model); per-token and per-word perplexity;
the 15 % / 80-10-10 masking proportions; span corruption against a hand-written example;
the Chinchilla rule of thumb; and how a smooth per-token gain looks "emergent" under exact match.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import log_loss

Array = np.ndarray


# --8<-- [start:causal-lm]
def log_softmax(logits: Array) -> Array:
    """Row-wise log-probabilities, stable for large logits."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def next_token_nll(logits: Array, tokens: Array) -> Array:
    """Per-position loss of a causal LM.

    logits (T, V): row t is the model's prediction after reading tokens[0..t];
    tokens (T + 1,): the sequence, so row t is scored against tokens[t + 1].
    """
    logp = log_softmax(logits)
    targets = tokens[1:]
    return -logp[np.arange(len(targets)), targets]


def perplexity(nll: Array) -> float:
    """exp of the mean negative log-likelihood (natural log) per token."""
    return float(np.exp(np.mean(nll)))
# --8<-- [end:causal-lm]


# --8<-- [start:check-causal-lm]
def check_causal_lm() -> None:
    rng = np.random.default_rng(0)
    V, T = 50, 400
    tokens = rng.integers(0, V, size=T + 1)
    logits = rng.normal(scale=2.0, size=(T, V))
    logits[np.arange(T), tokens[1:]] += 3.0  # a model that is better than chance
    nll = next_token_nll(logits, tokens)
    probs = np.exp(log_softmax(logits))
    ref = log_loss(tokens[1:], probs, labels=np.arange(V))  # sklearn: mean NLL in nats
    assert np.isclose(nll.mean(), ref, rtol=1e-10)
    ppl = perplexity(nll)
    assert np.isclose(ppl, np.exp(ref)) and np.isclose(ppl, 2 ** (nll.mean() / np.log(2)))
    print(f"mean NLL {nll.mean():.4f} nats = sklearn log_loss; perplexity {ppl:.2f} "
          f"= 2^({nll.mean() / np.log(2):.3f} bits)")
    # Reference points: a uniform model has perplexity V, a perfect one has perplexity 1.
    assert np.isclose(perplexity(next_token_nll(np.zeros((T, V)), tokens)), V)
    perfect = np.full((T, V), -1e9)
    perfect[np.arange(T), tokens[1:]] = 0.0
    assert np.isclose(perplexity(next_token_nll(perfect, tokens)), 1.0)
    print(f"uniform model: perplexity {V} (= V); perfect model: perplexity 1")
    # The same text, the same total NLL, but a different unit changes the number.
    n_words = 300  # suppose these 400 tokens spell 300 words
    ppl_word = float(np.exp(nll.sum() / n_words))
    assert np.isclose(ppl_word, ppl ** (T / n_words))
    print(f"per-word perplexity {ppl_word:.2f} = per-token {ppl:.2f} ^ (400/300)")
# --8<-- [end:check-causal-lm]


# --8<-- [start:mlm]
def bert_mask(tokens: Array, rng: np.random.Generator, vocab_size: int, mask_id: int,
              p_select: float = 0.15) -> tuple[Array, Array, Array]:
    """BERT's masking: pick 15 % of positions; of those, 80 % -> [MASK], 10 % -> random, 10 % kept.

    Returns the corrupted input, the labels (-100 where no loss is taken, the usual
    ignore index) and the branch taken at each selected position (0 mask, 1 random, 2 keep).
    """
    selected = rng.random(tokens.shape) < p_select
    branch = rng.choice(3, size=tokens.shape, p=[0.8, 0.1, 0.1])
    corrupted = tokens.copy()
    corrupted[selected & (branch == 0)] = mask_id
    n_random = int((selected & (branch == 1)).sum())
    corrupted[selected & (branch == 1)] = rng.integers(0, vocab_size, size=n_random)
    labels = np.where(selected, tokens, -100)  # the loss is taken at every selected position
    return corrupted, labels, np.where(selected, branch, -1)
# --8<-- [end:mlm]


# --8<-- [start:check-mlm]
def check_mlm() -> None:
    rng = np.random.default_rng(0)
    vocab_size, mask_id = 30_000, 30_000  # [MASK] is an extra id outside the word ids
    tokens = rng.integers(0, vocab_size, size=1_000_000)
    corrupted, labels, branch = bert_mask(tokens, rng, vocab_size, mask_id)
    selected = labels != -100
    frac = selected.mean()
    shares = [np.mean(branch[selected] == b) for b in range(3)]
    # Binomial standard errors are about 4e-4 and 2.6e-3 here; tolerances are 5 of them.
    assert abs(frac - 0.15) < 2e-3
    assert np.allclose(shares, [0.8, 0.1, 0.1], atol=1e-2)
    assert np.all(corrupted[~selected] == tokens[~selected])  # unselected tokens untouched
    assert np.all(corrupted[branch == 0] == mask_id) and np.all(corrupted[branch == 2] == tokens[branch == 2])
    print(f"BERT masking: {frac:.2%} of positions selected; of those "
          f"{shares[0]:.1%} [MASK], {shares[1]:.1%} random, {shares[2]:.1%} unchanged")
    print(f"  so {frac * shares[0]:.1%} of input tokens are [MASK] and the loss sees {frac:.1%} of positions")
# --8<-- [end:check-mlm]


# --8<-- [start:span-corruption]
def span_corrupt(tokens: list[str], spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """T5-style denoising: replace each (start, length) span by a sentinel in the input;
    the target lists each sentinel followed by the tokens it hid, then a final sentinel."""
    inputs, target, pos = [], [], 0
    for i, (start, length) in enumerate(sorted(spans)):
        sentinel = f"<X{i}>"
        inputs += tokens[pos:start] + [sentinel]
        target += [sentinel] + tokens[start:start + length]
        pos = start + length
    inputs += tokens[pos:]
    target.append(f"<X{len(spans)}>")
    return inputs, target


def check_span_corruption() -> None:
    tokens = "the quick brown fox jumps over the lazy dog".split()
    inputs, target = span_corrupt(tokens, [(2, 1), (5, 2)])
    assert inputs == "the quick <X0> fox jumps <X1> lazy dog".split()
    assert target == "<X0> brown <X1> over the <X2>".split()
    print("span corruption: input ", " ".join(inputs))
    print("                 target", " ".join(target))
# --8<-- [end:span-corruption]


# --8<-- [start:scaling]
def chinchilla_optimal(compute_flops: float, tokens_per_param: float = 20.0) -> tuple[float, float]:
    """Split a training budget C = 6 N D between parameters N and tokens D with D = 20 N."""
    n_params = np.sqrt(compute_flops / (6 * tokens_per_param))
    return float(n_params), float(tokens_per_param * n_params)


def check_scaling() -> None:
    gpt3_compute = 6 * 175e9 * 300e9  # 175 B parameters, 300 B tokens
    n, d = chinchilla_optimal(gpt3_compute)
    assert np.isclose(gpt3_compute, 3.15e23) and np.isclose(6 * n * d, gpt3_compute)
    assert 51e9 < n < 52e9 and 1.02e12 < d < 1.03e12
    print(f"GPT-3's budget {gpt3_compute:.3g} FLOPs: {300 / 175:.1f} tokens per parameter as trained;")
    print(f"  compute-optimal by the 20-tokens rule: {n / 1e9:.0f} B parameters on {d / 1e12:.2f} T tokens")
    n, d = chinchilla_optimal(6 * 70e9 * 1.4e12)
    assert np.isclose(n, 70e9) and np.isclose(d, 1.4e12)  # Chinchilla itself sits on the rule
# --8<-- [end:scaling]


# --8<-- [start:emergence]
def check_emergence() -> None:
    # Per-token accuracy improves smoothly with scale; a 10-token answer needs all 10 right.
    per_token = np.array([0.50, 0.60, 0.70, 0.80, 0.90, 0.95, 0.99])
    exact_match = per_token**10
    assert np.allclose(exact_match[[0, 3, 6]], [0.5**10, 0.8**10, 0.99**10])
    assert exact_match[0] < 1e-3 and exact_match[-1] > 0.9
    for p, em in zip(per_token, exact_match):
        print(f"  per-token accuracy {p:.2f} -> exact match on 10 tokens {em:.3f}")
# --8<-- [end:emergence]


if __name__ == "__main__":
    check_causal_lm()
    check_mlm()
    check_span_corruption()
    check_scaling()
    check_emergence()
    print("all pre-training checks passed")
