"""Python, NumPy and pandas idioms for data questions, each checked with asserts.

Runs unchanged, without warnings, on pandas 2.2 and pandas 3.x.
"""

import heapq
import itertools
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

# --8<-- [start:python]
words = "the cat and the hat and the bat".split()
counts = Counter(words)
assert counts.most_common(1) == [("the", 3)]
# count descending, then word ascending
order = sorted(counts, key=lambda w: (-counts[w], w))
assert order[:3] == ["the", "and", "bat"]
assert heapq.nlargest(2, [5, 1, 9, 3]) == [9, 5]
pairs = itertools.pairwise([1, 4, 9])  # 3.10+
gaps = [b - a for a, b in pairs]
assert sum(g * g for g in gaps) == 34  # lazy
# --8<-- [end:python]
by_len = defaultdict(list)   # no KeyError
for w in words:
    by_len[len(w)].append(w)
assert by_len[3] == ["the", "cat", "and", "the", "hat", "and", "the", "bat"]
assert list(itertools.accumulate([1, 2, 3])) == [1, 3, 6]
assert f"{0.1234:.1%} {1234567:,} {2 / 3:.3f}" == "12.3% 1,234,567 0.667"
assert [list(g) for _, g in itertools.groupby("aabca")] == [["a", "a"], ["b"], ["c"], ["a"]]
try:
    list(zip([1, 2], [3], strict=True))
    raise AssertionError("strict zip must reject unequal lengths")
except ValueError:
    pass

# --8<-- [start:numpy]
rng = np.random.default_rng(0)
X = rng.normal(size=(5, 3))    # 5 points, 3 features
Y = rng.normal(size=(4, 3))
diff = X[:, None, :] - Y[None, :, :]    # (5, 4, 3)
D = np.sqrt((diff**2).sum(axis=-1))     # (5, 4)
# no (n, m, d) temporary: |x|^2 - 2 x.y + |y|^2
sq = ((X**2).sum(1)[:, None] - 2 * X @ Y.T
      + (Y**2).sum(1))
assert np.allclose(D, np.sqrt(np.clip(sq, 0, None)))
v = np.array([4, 1, 7, 3, 9])
top2 = np.argpartition(v, -2)[-2:]   # O(n), unordered
assert sorted(v[top2]) == [7, 9]
assert np.where(v > 3, v, 0).sum() == 20
# --8<-- [end:numpy]
assert D.shape == (5, 4)
assert np.isclose(D[2, 1], np.linalg.norm(X[2] - Y[1]))
assert np.argsort(-v, kind="stable")[:2].tolist() == [4, 2]   # sorted top-k

# broadcasting: (3, 1) with (4,) -> (3, 4); (n,) with (n, 1) -> (n, n), a classic bug
assert (np.zeros((3, 1)) + np.zeros(4)).shape == (3, 4)
y, y_hat = np.ones(5), np.ones((5, 1))
assert (y - y_hat).shape == (5, 5) and (y - y_hat.ravel()).shape == (5,)
# axis semantics: axis=0 collapses rows (one result per column)
M = np.arange(6).reshape(2, 3)
assert M.sum(axis=0).tolist() == [3, 5, 7] and M.sum(axis=1).tolist() == [3, 12]
assert (M / M.sum(axis=1, keepdims=True)).sum(axis=1).round(12).tolist() == [1.0, 1.0]
# fancy indexing: pairs versus sub-matrix
assert M[[0, 1], [0, 2]].tolist() == [0, 5]
assert M[np.ix_([0, 1], [0, 2])].tolist() == [[0, 2], [3, 5]]
# views versus copies
a = np.arange(6)
s = a[1:4]                     # basic slice: a view
s[0] = 100
assert a[1] == 100 and np.shares_memory(a, s)
f = a[[1, 2]]                  # fancy index: a copy
f[0] = -1
assert a[1] == 100 and not np.shares_memory(a, f)
# repeated indices: += applies once, np.add.at accumulates
h = np.zeros(3)
h[[0, 0, 1]] += 1
assert h.tolist() == [1, 1, 0]
h2 = np.zeros(3)
np.add.at(h2, [0, 0, 1], 1)
assert h2.tolist() == [2, 1, 0]
# dtype pitfalls: fixed-width integers wrap silently; int arrays truncate floats
assert (np.array([200], dtype=np.uint8) + np.array([100], dtype=np.uint8))[0] == 44
iv = np.array([1, 2, 3])
iv[0] = 2.7
assert iv[0] == 2
assert np.nan != np.nan and np.isnan(np.array([np.nan])).all()

# --8<-- [start:groupby]
df = pd.DataFrame({
    "user": ["a", "a", "b", "b", "b"],
    "day": pd.to_datetime(["2024-01-01", "2024-01-03",
        "2024-01-01", "2024-01-02", "2024-01-04"]),
    "spend": [10.0, 30.0, 5.0, 5.0, 10.0]})
g = df.sort_values("day").groupby("user")["spend"]
df["share"] = df["spend"] / g.transform("sum")
df["prev"] = g.shift(1)               # LAG(spend)
df["running"] = g.cumsum()            # running SUM
df["rk"] = g.rank(method="first", ascending=False)
out = df.groupby("user", as_index=False).agg(
    n=("spend", "size"), total=("spend", "sum"))
assert out["total"].tolist() == [40.0, 20.0]
# --8<-- [end:groupby]
assert out.to_dict("list") == {"user": ["a", "b"], "n": [2, 3], "total": [40.0, 20.0]}
assert df["share"].round(2).tolist() == [0.25, 0.75, 0.25, 0.25, 0.5]
assert df["prev"].isna().tolist() == [True, False, True, False, False]
assert df["running"].tolist() == [10.0, 40.0, 5.0, 10.0, 20.0]
assert df["rk"].tolist() == [2.0, 1.0, 2.0, 3.0, 1.0]
# ROW_NUMBER() via cumcount
rn = df.sort_values("day").groupby("user").cumcount().add(1).sort_index()
assert rn.tolist() == [1, 2, 1, 2, 3]
# days between a user's visits
gap_days = df.sort_values("day").groupby("user")["day"].diff().dt.days.sort_index()
assert gap_days.fillna(-1).tolist() == [-1, 2, -1, 1, 2]
assert (df["day"] + pd.Timedelta(days=1)).dt.strftime("%m-%d").iloc[0] == "01-02"
assert df["day"].dt.day_of_week.iloc[0] == 0   # 2024-01-01 was a Monday (0)
# HAVING: keep whole groups
big = df.groupby("user").filter(lambda t: t["spend"].sum() > 25)
assert set(big["user"]) == {"a"}
# value_counts sorts by count and drops NaN unless dropna=False
vc = pd.Series(["x", "y", "x", None]).value_counts(dropna=False)
assert vc.iloc[0] == 2 and len(vc) == 3
# groupby drops NaN keys unless dropna=False
k = pd.DataFrame({"k": ["p", None, "p"], "v": [1, 2, 3]})
assert k.groupby("k")["v"].sum().tolist() == [4]
assert k.groupby("k", dropna=False)["v"].sum().tolist() == [4, 2]

# --8<-- [start:merge]
users = pd.DataFrame({"user": ["a", "b", "c"],
                      "country": ["UK", "US", "FR"]})
m = df.merge(users, on="user", how="left",
             validate="many_to_one")  # else error
assert len(m) == len(df)   # left m:1 keeps row count
seen = df[["user"]].drop_duplicates()
chk = users.merge(seen, how="left", indicator=True)
never = chk.loc[chk["_merge"] == "left_only", "user"]
assert never.tolist() == ["c"]             # anti-join
# --8<-- [end:merge]
try:
    df.merge(pd.concat([users, users]), on="user", validate="m:1")
    raise AssertionError("duplicate right keys must fail validation")
except pd.errors.MergeError:
    pass

# pivot_table and melt round trip
wide = df.pivot_table(index="user", columns=df["day"].dt.day, values="spend",
                      aggfunc="sum", fill_value=0)
assert wide.loc["b"].tolist() == [5.0, 5.0, 0.0, 10.0]
long = wide.reset_index().melt(id_vars="user", var_name="day", value_name="spend")
assert long["spend"].sum() == df["spend"].sum()

# CASE WHEN with np.select
tier = np.select([df["spend"] >= 20, df["spend"] >= 10], ["high", "mid"], default="low")
assert tier.tolist() == ["mid", "high", "low", "low", "mid"]

# loc is label-based and end-inclusive; iloc is position-based and end-exclusive
s = pd.Series([10, 20, 30, 40], index=[3, 2, 1, 0])
assert s.loc[3:1].tolist() == [10, 20, 30]
assert s.iloc[0:1].tolist() == [10]

# copy-on-write-safe update: one .loc call, never chained indexing
df.loc[df["user"] == "b", "spend"] = 0.0
assert df.loc[df["user"] == "b", "spend"].sum() == 0.0

# time-based rolling window covers (t - 2 days, t]
daily = df.set_index("day").sort_index()
roll = daily.loc[daily["user"] == "a", "spend"].rolling("2D").sum()
assert roll.tolist() == [10.0, 30.0]
# row-based rolling and expanding
r = pd.Series([1.0, 2.0, 3.0, 4.0])
assert r.rolling(2).mean().tolist()[1:] == [1.5, 2.5, 3.5] and np.isnan(r.rolling(2).mean()[0])
assert r.expanding().max().tolist() == [1.0, 2.0, 3.0, 4.0]

# missing values turn an int column into float64; the nullable Int64 keeps integers
assert pd.Series([1, None]).dtype == "float64"
assert pd.Series([1, None], dtype="Int64").dtype == "Int64"

print("python-numpy-pandas: all asserts passed")
