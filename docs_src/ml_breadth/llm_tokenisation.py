"""Byte-pair encoding (BPE) trained on a toy corpus, checked against merges worked out by hand.

Run from anywhere:

    python docs_src/ml_breadth/llm_tokenisation.py

Checks: the first eight BPE merges and their counts equal a hand calculation; unseen words are
encoded by replaying the merges; WordPiece's likelihood score picks a different first merge;
UTF-8 byte counts per script (the base alphabet of byte-level BPE).
"""

from __future__ import annotations

from collections import Counter

END = "_"  # end-of-word marker, so "er" at the end of a word differs from "er" inside one


# --8<-- [start:bpe]
def pair_counts(words: dict[tuple[str, ...], int]) -> Counter:
    """How often each adjacent pair of symbols occurs, weighted by word frequency."""
    counts: Counter = Counter()
    for symbols, freq in words.items():
        for pair in zip(symbols, symbols[1:]):
            counts[pair] += freq
    return counts


def merge_pair(symbols: tuple[str, ...], pair: tuple[str, str]) -> tuple[str, ...]:
    """Replace every occurrence of `pair` in one word by the merged symbol, left to right."""
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def train_bpe(corpus: dict[str, int], n_merges: int) -> list[tuple[tuple[str, str], int]]:
    """Learn BPE merges: repeatedly merge the most frequent adjacent pair.

    Ties are broken by the alphabetically smallest pair (real tokenisers use other, equally
    arbitrary rules). Returns the merges in order, each with the count that won it.
    """
    words = {tuple(word) + (END,): freq for word, freq in corpus.items()}
    merges = []
    for _ in range(n_merges):
        counts = pair_counts(words)
        if not counts:
            break
        best = min(counts, key=lambda pair: (-counts[pair], pair))
        merges.append((best, counts[best]))
        words = {merge_pair(symbols, best): freq for symbols, freq in words.items()}
    return merges


def encode(word: str, merges: list[tuple[tuple[str, str], int]]) -> list[str]:
    """Tokenise a word by replaying the learned merges in the order they were learned."""
    symbols = tuple(word) + (END,)
    for pair, _ in merges:
        symbols = merge_pair(symbols, pair)
    return list(symbols)
# --8<-- [end:bpe]


# --8<-- [start:check-bpe]
def check_bpe() -> None:
    corpus = {"low": 5, "lowest": 2, "newer": 6, "wider": 3, "new": 2}
    merges = train_bpe(corpus, n_merges=8)
    by_hand = [  # worked out on paper: see the table on the page
        (("e", "r"), 9), (("er", "_"), 9), (("e", "w"), 8), (("n", "ew"), 8),
        (("l", "o"), 7), (("lo", "w"), 7), (("new", "er_"), 6), (("low", "_"), 5),
    ]
    assert merges == by_hand, merges
    for pair, count in merges:
        print(f"  merge {pair[0]!r:7} + {pair[1]!r:6} (count {count})")
    # Unseen words are still tokenised: replaying the merges never gets stuck.
    assert encode("lower", merges) == ["low", "er_"]
    assert encode("newest", merges) == ["new", "e", "s", "t", "_"]
    assert encode("zoo", merges) == ["z", "o", "o", "_"]  # falls back to single characters
    print("encode('lower') =", encode("lower", merges), " encode('newest') =", encode("newest", merges))
    # Vocabulary = base symbols + one new symbol per merge.
    base = {c for word in corpus for c in word} | {END}
    assert len(base) == 11 and len(base) + len(merges) == 19  # l o w e s t n r i d _
    print(f"vocabulary: {len(base)} base symbols + {len(merges)} merges = {len(base) + len(merges)}")
# --8<-- [end:check-bpe]


# --8<-- [start:wordpiece]
def wordpiece_first_merge(corpus: dict[str, int]) -> tuple[tuple[str, str], float]:
    """WordPiece's criterion: merge the pair maximising count(ab) / (count(a) * count(b))."""
    words = {tuple(word) + (END,): freq for word, freq in corpus.items()}
    singles: Counter = Counter()
    for symbols, freq in words.items():
        for s in symbols:
            singles[s] += freq
    pairs = pair_counts(words)
    scores = {p: c / (singles[p[0]] * singles[p[1]]) for p, c in pairs.items()}
    best = max(scores, key=scores.get)
    return best, scores[best]


def check_wordpiece() -> None:
    corpus = {"low": 5, "lowest": 2, "newer": 6, "wider": 3, "new": 2}
    pair, score = wordpiece_first_merge(corpus)
    # By hand: "s" and "t" occur only in "lowest" (2 times each) and always together,
    # so the score is 2 / (2 * 2) = 0.5; BPE's "er" scores only 9 / (19 * 9) = 0.053.
    assert pair == ("s", "t") and score == 0.5
    print(f"WordPiece merges {pair} first (score {score}); BPE merges ('e', 'r') first")
# --8<-- [end:wordpiece]


# --8<-- [start:bytes]
def check_bytes() -> None:
    samples = {"English": "hello", "Greek": "γεια", "Hindi": "नमस्ते", "Japanese": "こんにちは",
               "emoji": "🙂"}
    counts = {lang: (len(text), len(text.encode("utf-8"))) for lang, text in samples.items()}
    assert counts == {"English": (5, 5), "Greek": (4, 8), "Hindi": (6, 18),
                      "Japanese": (5, 15), "emoji": (1, 4)}
    for lang, (chars, n_bytes) in counts.items():
        print(f"  {lang:8s}: {chars} code points -> {n_bytes} UTF-8 bytes")
    # Byte-level BPE starts from the 256 byte values, so any string round-trips: no <unk>.
    for text in samples.values():
        assert bytes(list(text.encode("utf-8"))).decode("utf-8") == text
    print("every string is a sequence of the 256 byte values and round-trips exactly")
# --8<-- [end:bytes]


if __name__ == "__main__":
    check_bpe()
    check_wordpiece()
    check_bytes()
    print("all tokenisation checks passed")
