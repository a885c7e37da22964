"""The retrieval half of retrieval-augmented generation, from scratch in NumPy.

Run from anywhere:

    python docs_src/ml_breadth/llm_retrieval.py

Checks: overlapping chunking covers every word; cosine top-k over L2-normalised vectors equals
sklearn.metrics.pairwise.cosine_similarity and sklearn.neighbors.NearestNeighbors; BM25 and
reciprocal rank fusion equal hand calculations; recall@k and MRR on a small labelled set.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.neighbors import NearestNeighbors

Array = np.ndarray


# --8<-- [start:chunk]
def chunk(words: list[str], size: int, overlap: int) -> list[list[str]]:
    """Fixed-size windows of `size` words; neighbours share `overlap` words so that a fact
    cut by a boundary still appears whole in one chunk."""
    step = size - overlap
    starts = range(0, max(len(words) - overlap, 1), step)
    return [words[s:s + size] for s in starts]


def check_chunk() -> None:
    words = [f"w{i}" for i in range(230)]
    chunks = chunk(words, size=50, overlap=10)
    assert len(chunks) == int(np.ceil((230 - 10) / (50 - 10))) == 6
    assert all(a[-10:] == b[:10] for a, b in zip(chunks, chunks[1:]))
    assert {w for c in chunks for w in c} == set(words)
    print(f"230 words, size 50, overlap 10: {len(chunks)} chunks, every word covered")
# --8<-- [end:chunk]


# --8<-- [start:search]
def top_k_cosine(query_vecs: Array, doc_vecs: Array, k: int) -> tuple[Array, Array]:
    """Exact nearest neighbours by cosine similarity: normalise, then one matrix product."""
    # The floor keeps an all-zero vector (no shared vocabulary) at similarity 0, not NaN.
    q = query_vecs / np.maximum(np.linalg.norm(query_vecs, axis=1, keepdims=True), 1e-12)
    d = doc_vecs / np.maximum(np.linalg.norm(doc_vecs, axis=1, keepdims=True), 1e-12)
    sims = q @ d.T                                   # (n_queries, n_docs)
    idx = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    return idx, np.take_along_axis(sims, idx, axis=1)


def recall_at_k(ranked: Array, relevant: list[set[int]], k: int) -> float:
    """Mean over queries of |relevant within the top k| / |relevant|."""
    return float(np.mean([len(set(r[:k]) & rel) / len(rel) for r, rel in zip(ranked, relevant)]))


def mrr(ranked: Array, relevant: list[set[int]]) -> float:
    """Mean reciprocal rank of the first relevant document (0 if none is retrieved)."""
    scores = []
    for r, rel in zip(ranked, relevant):
        hits = [i for i, doc in enumerate(r) if doc in rel]
        scores.append(1 / (hits[0] + 1) if hits else 0.0)
    return float(np.mean(scores))
# --8<-- [end:search]


# --8<-- [start:check-search]
DOCS = [
    "Employees may work remotely up to three days per week with manager approval.",
    "Expense claims must be filed within 30 days with the original receipt attached.",
    "The VPN is required for remote access to internal systems and code repositories.",
    "Annual leave is 25 days per year; unused days carry over until the end of March.",
    "Laptops are replaced every four years or sooner if the device fails.",
    "Parental leave is 20 weeks at full pay for all parents after six months of service.",
    "Travel must be booked through the internal portal; economy class for flights under six hours.",
    "Security incidents must be reported to the security team within one hour.",
]
QUERIES = ["how many days per week can I work remotely", "deadline for filing expense claims",
           "what is the holiday allowance", "who do I tell about a phishing email at work"]
RELEVANT = [{0}, {1}, {3}, {7}]


def check_search() -> None:
    vec = TfidfVectorizer().fit(DOCS)  # a stand-in for a learned embedding model
    D, Q = vec.transform(DOCS).toarray(), vec.transform(QUERIES).toarray()
    idx, sims = top_k_cosine(Q, D, k=3)
    ref = cosine_similarity(Q, D)
    assert np.allclose(sims, np.sort(ref, axis=1)[:, ::-1][:, :3], atol=1e-12)
    nn = NearestNeighbors(n_neighbors=3, metric="cosine", algorithm="brute").fit(D)
    dist, nn_idx = nn.kneighbors(Q)
    assert np.allclose(1 - dist, sims, atol=1e-12)
    # Same similarities at every rank; with ties the order of equal documents may differ.
    assert np.allclose(np.take_along_axis(ref, nn_idx, axis=1), sims, atol=1e-12)
    print("top-3 cosine search = cosine_similarity and NearestNeighbors(metric='cosine')")
    for q, row, s in zip(QUERIES, idx, sims):
        print(f"  {q!r:47} -> docs {row.tolist()}  cos {s.round(2).tolist()}")
    r1, r3, m = recall_at_k(idx, RELEVANT, 1), recall_at_k(idx, RELEVANT, 3), mrr(idx, RELEVANT)
    assert (r1, r3, m) == (0.5, 0.75, 0.625)  # by hand: first relevant at ranks 1, 1, 2, none
    print(f"recall@1 = {r1:.3f}, recall@3 = {r3:.3f}, MRR = {m:.3f}")
    # Hand-made rankings pin the metric definitions down.
    toy = np.array([[2, 0, 1], [1, 2, 0], [4, 6, 7]])
    toy_rel = [{0}, {1}, {3, 5}]
    assert recall_at_k(toy, toy_rel, 1) == (0 + 1 + 0) / 3
    assert recall_at_k(toy, toy_rel, 3) == (1 + 1 + 0) / 3
    assert np.isclose(mrr(toy, toy_rel), (1 / 2 + 1 + 0) / 3)
# --8<-- [end:check-search]


# --8<-- [start:bm25]
def bm25_scores(query: list[str], docs: list[list[str]], k1: float = 1.5, b: float = 0.75) -> Array:
    """Okapi BM25 with the non-negative IDF log(1 + (N - n_t + 0.5) / (n_t + 0.5))."""
    N = len(docs)
    lengths = np.array([len(d) for d in docs])
    avgdl = lengths.mean()
    scores = np.zeros(N)
    for term in set(query):
        tf = np.array([d.count(term) for d in docs])
        n_t = np.count_nonzero(tf)
        idf = np.log(1 + (N - n_t + 0.5) / (n_t + 0.5))
        # Term-frequency saturation (k1) and document-length normalisation (b).
        scores += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths / avgdl))
    return scores


def reciprocal_rank_fusion(rankings: list[list[int]], k: int = 60) -> dict[int, float]:
    """Fuse ranked lists by summing 1 / (k + rank), rank starting at 1; no score calibration needed."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            fused[doc] = fused.get(doc, 0.0) + 1 / (k + rank)
    return dict(sorted(fused.items(), key=lambda item: -item[1]))


def check_bm25() -> None:
    docs = [d.split() for d in ["cats chase mice", "dogs chase cats and cats nap", "mice eat cheese"]]
    s = bm25_scores(["cats"], docs)
    # By hand: IDF = ln(1 + 1.5/2.5) = 0.4700, avgdl = 4.
    # doc 0: tf 1, |d| 3: 0.47 * 2.5 / (1 + 1.5 * 0.8125) = 0.5296
    # doc 1: tf 2, |d| 6: 0.47 * 5.0 / (2 + 1.5 * 1.375)  = 0.5785
    assert np.allclose(s, [0.5296, 0.5785, 0.0], atol=1e-4)
    print(f"BM25('cats') = {s.round(4).tolist()}: twice the term frequency, only 9 % more score")
    fused = reciprocal_rank_fusion([[3, 1, 2], [1, 2, 3]])  # e.g. BM25 order and dense order
    # doc 1: 1/62 + 1/61; doc 3: 1/61 + 1/63; doc 2: 1/63 + 1/62
    assert list(fused) == [1, 3, 2] and np.isclose(fused[1], 1 / 62 + 1 / 61)
    print(f"reciprocal rank fusion of [3, 1, 2] and [1, 2, 3]: {list(fused)}")
# --8<-- [end:bm25]


if __name__ == "__main__":
    check_chunk()
    check_search()
    check_bm25()
    print("all retrieval checks passed")
