"""Canonical interview templates, each checked against a brute-force answer."""

import itertools
import random
from collections import deque

# --8<-- [start:window]
def longest_unique(s: str) -> int:
    """Longest substring without a repeat."""
    last: dict[str, int] = {}   # char -> latest index
    best = lo = 0
    for hi, ch in enumerate(s):
        if last.get(ch, -1) >= lo:  # repeat in window
            lo = last[ch] + 1       # shrink past it
        last[ch] = hi
        best = max(best, hi - lo + 1)
    return best
# --8<-- [end:window]


# --8<-- [start:answer]
def min_cap(w: list[int], days: int) -> int:
    """Least capacity to ship w in order in days."""
    def days_needed(cap: int) -> int:  # monotone
        need, load = 1, 0
        for x in w:
            if load + x > cap:
                need, load = need + 1, 0
            load += x
        return need
    lo, hi = max(w), sum(w)     # answer in [lo, hi]
    while lo < hi:              # first cap that works
        mid = (lo + hi) // 2
        if days_needed(mid) <= days: hi = mid
        else: lo = mid + 1
    return lo
# --8<-- [end:answer]


# --8<-- [start:bfs]
def bfs(grid: list[str], src, dst) -> int:
    """Fewest 4-way steps avoiding '#'; -1 if none."""
    free = {(r, c) for r, row in enumerate(grid)
            for c, ch in enumerate(row) if ch != "#"}
    dist = {src: 0}         # doubles as visited set
    q = deque([src])
    while q:
        r, c = q.popleft()
        if (r, c) == dst:
            return dist[r, c]
        for n in (r+1,c), (r-1,c), (r,c+1), (r,c-1):
            if n in free and n not in dist:
                dist[n] = dist[r, c] + 1  # on push
                q.append(n)
    return -1
# --8<-- [end:bfs]


def _brute_unique(s: str) -> int:
    return max((j - i for i in range(len(s)) for j in range(i, len(s) + 1)
                if len(set(s[i:j])) == j - i), default=0)


def _brute_capacity(weights: list[int], days: int) -> int:
    n = len(weights)
    best = sum(weights)
    # try every way to cut the sequence into at most `days` contiguous parts
    for k in range(min(days, n)):
        for cuts in itertools.combinations(range(1, n), k):
            bounds = (0, *cuts, n)
            best = min(best, max(sum(weights[a:b]) for a, b in zip(bounds, bounds[1:])))
    return best


rng = random.Random(0)

assert longest_unique("abcabcbb") == 3 and longest_unique("") == 0
assert longest_unique("abba") == 2  # stale index of 'a' must not move lo backwards
for _ in range(300):
    s = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 12)))
    assert longest_unique(s) == _brute_unique(s), s

assert min_cap([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5) == 15
for _ in range(200):
    ws = [rng.randint(1, 9) for _ in range(rng.randint(1, 8))]
    d = rng.randint(1, len(ws))
    assert min_cap(ws, d) == _brute_capacity(ws, d), (ws, d)

maze = ["..#.",
        ".##.",
        "...."]
assert bfs(maze, (0, 0), (0, 3)) == 7
assert bfs(maze, (0, 0), (0, 0)) == 0
assert bfs([".#", "#."], (0, 0), (1, 1)) == -1
print("dsa-patterns: all asserts passed")
