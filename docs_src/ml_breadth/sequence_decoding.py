"""Greedy and beam-search decoding for a tiny random RNN decoder, checked against brute force.

Run from anywhere:

    python docs_src/ml_breadth/sequence_decoding.py

The decoder is a small tanh RNN with random weights that outputs a distribution over V tokens
at each of T steps. Exhaustive search over all V**T outputs gives the exact most probable
sequence; greedy and beam search are compared with it.
"""

from __future__ import annotations

import itertools

import numpy as np

Array = np.ndarray


# --8<-- [start:decoder]
class ToyDecoder:
    """h_t = tanh(W h_{t-1} + E[y_{t-1}]), log p(y_t | y_<t) = log_softmax(U h_t)."""

    def __init__(self, V: int, d_h: int, rng: np.random.Generator) -> None:
        self.V = V
        self.W = rng.normal(scale=1.5 / np.sqrt(d_h), size=(d_h, d_h))
        self.E = rng.normal(size=(V + 1, d_h))            # row V is the start token
        self.U = rng.normal(scale=2.0, size=(V, d_h))
        self.h0 = np.zeros(d_h)

    def step(self, h: Array, y_prev: Array) -> tuple[Array, Array]:
        """h (n, d_h), y_prev (n,) -> new h (n, d_h) and log-probabilities (n, V)."""
        h = np.tanh(h @ self.W.T + self.E[y_prev])
        logits = h @ self.U.T
        logits -= logits.max(axis=1, keepdims=True)
        return h, logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
# --8<-- [end:decoder]


# --8<-- [start:search]
def greedy_decode(m: ToyDecoder, T: int) -> tuple[list[int], float]:
    """Take the single most probable token at every step."""
    h, y, seq, score = m.h0[None], np.array([m.V]), [], 0.0
    for _ in range(T):
        h, logp = m.step(h, y)
        y = logp.argmax(axis=1)
        seq.append(int(y[0]))
        score += float(logp[0, y[0]])
    return seq, score


def beam_search(m: ToyDecoder, T: int, k: int) -> tuple[list[int], float]:
    """Keep the k highest-scoring prefixes (sum of log-probabilities) after every step."""
    seqs, scores = [[]], np.zeros(1)
    h, y = m.h0[None], np.array([m.V])
    for _ in range(T):
        h, logp = m.step(h, y)                          # one row per live hypothesis
        total = (scores[:, None] + logp).ravel()        # every (hypothesis, next token) pair
        best = np.argsort(-total, kind="stable")[:k]
        parent, token = np.divmod(best, m.V)
        seqs = [seqs[i] + [int(tok)] for i, tok in zip(parent, token)]
        scores, h, y = total[best], h[parent], token
    return seqs[0], float(scores[0])


def exhaustive_decode(m: ToyDecoder, T: int) -> tuple[list[int], float]:
    """Score all V**T sequences at once; the exact argmax of p(y_1..y_T)."""
    Y = np.array(list(itertools.product(range(m.V), repeat=T)))
    h, y, score = np.repeat(m.h0[None], len(Y), axis=0), np.full(len(Y), m.V), np.zeros(len(Y))
    for t in range(T):
        h, logp = m.step(h, y)
        y = Y[:, t]
        score += logp[np.arange(len(Y)), y]
    best = int(score.argmax())
    return Y[best].tolist(), float(score[best])
# --8<-- [end:search]


# --8<-- [start:check-search]
def check_search(V: int = 4, T: int = 6, n_models: int = 200) -> None:
    rng = np.random.default_rng(0)
    found = {"greedy": 0, "beam 2": 0, "beam 5": 0}
    for _ in range(n_models):
        m = ToyDecoder(V, 8, rng)
        _, best = exhaustive_decode(m, T)
        results = {"greedy": greedy_decode(m, T)[1], "beam 2": beam_search(m, T, 2)[1],
                   "beam 5": beam_search(m, T, 5)[1]}
        for name, score in results.items():
            assert score <= best + 1e-12                # nobody beats the exact search
            found[name] += bool(np.isclose(score, best))
        # A beam that is never pruned (k >= V**(T-1)) is exhaustive search.
        assert np.isclose(beam_search(m, T, V ** (T - 1))[1], best)
    rates = ", ".join(f"{name} {n / n_models:.0%}" for name, n in found.items())
    print(f"{n_models} random decoders, V = {V}, T = {T}: exact optimum found by {rates}")
    assert found["greedy"] < found["beam 2"] <= found["beam 5"]
# --8<-- [end:check-search]


if __name__ == "__main__":
    check_search()
    print("all decoding checks passed")
