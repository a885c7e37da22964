"""Data preprocessing cheat sheet: leakage-free Pipeline + ColumnTransformer, and a leak demo."""
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

rng = np.random.default_rng(0)
n = 600
df = pd.DataFrame({
    "income": rng.lognormal(10, 1, n),
    "age": rng.integers(18, 80, n).astype(float),
    "city": rng.choice(["london", "leeds", "york"], n),
})
logit = 1.5 * (np.log(df["income"]) - 10) + 1.0 * (df["city"] == "york") - 0.5
y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
df.loc[rng.random(n) < 0.15, "age"] = np.nan          # 15 % missing at random

# --8<-- [start:pipeline]
num = make_pipeline(
    SimpleImputer(strategy="median",
                  add_indicator=True),
    StandardScaler())
ohe = OneHotEncoder(handle_unknown="ignore")
pre = ColumnTransformer([
    ("num", num, ["income", "age"]),
    ("cat", ohe, ["city"])])
lr = LogisticRegression()
model = make_pipeline(pre, lr)
cv = StratifiedKFold(5, shuffle=True,
                     random_state=0)
# pre is refitted inside each training fold
auc = cross_val_score(model, df, y, cv=cv,
                      scoring="roc_auc")
assert len(auc) == 5 and auc.mean() > 0.7
# --8<-- [end:pipeline]

# Fitted on all rows: imputer median and scaler mean come from the data it was given only.
model.fit(df, y)
imp = model[0].named_transformers_["num"][0]
assert np.isclose(imp.statistics_[1], df["age"].median())
assert model[0].transform(df).shape[1] == 2 + 1 + 3        # 2 numeric + 1 indicator + 3 cities

# --8<-- [start:leak]
Xn = rng.normal(size=(100, 5000))  # noise
yn = rng.integers(0, 2, 100)  # coin flips
sel = SelectKBest(f_classif, k=20)
# Wrong: selection has seen every label
Xs = sel.fit_transform(Xn, yn)
leaky = cross_val_score(lr, Xs, yn).mean()
# Right: selection refitted in each fold
fs = make_pipeline(sel, lr)
honest = cross_val_score(fs, Xn, yn).mean()
assert leaky > 0.75 and honest < 0.65
# --8<-- [end:leak]
print("data-preprocessing.py OK", auc.mean().round(3), round(leaky, 3), round(honest, 3))
