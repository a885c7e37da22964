"""Trees and ensembles sheet: forest vs boosting; impurity vs permutation importance."""

import numpy as np
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.inspection import permutation_importance
from sklearn.model_selection import train_test_split

# --8<-- [start:compare]
X, y = load_breast_cancer(return_X_y=True)  # 569 x 30
X_tr, X_te, y_tr, y_te = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=0)
rf = RandomForestClassifier(
    n_estimators=100, oob_score=True, random_state=0)
gb = GradientBoostingClassifier(
    learning_rate=0.1, n_estimators=100, max_depth=3,
    subsample=0.8, random_state=0)
rf_acc = rf.fit(X_tr, y_tr).score(X_te, y_te)
gb_acc = gb.fit(X_tr, y_tr).score(X_te, y_te)
assert rf_acc > 0.92 and gb_acc > 0.92
assert abs(rf.oob_score_ - rf_acc) < 0.05  # OOB ~ test
# --8<-- [end:compare]

# --8<-- [start:importance]
X, y = make_classification(  # columns 0-2 informative
    600, n_features=4, n_informative=3, n_redundant=0,
    flip_y=0.1, shuffle=False, random_state=0)
rng = np.random.default_rng(0)
coin = rng.integers(0, 2, (600, 1))  # 2 values
row_id = rng.permutation(600)[:, None]  # 600 values
X = np.hstack([X, coin, row_id])  # cols 4, 5: noise
X_a, X_b, y_a, y_b = train_test_split(
    X, y, test_size=0.5, random_state=0)
forest = RandomForestClassifier(random_state=0)
mdi = forest.fit(X_a, y_a).feature_importances_
perm = permutation_importance(forest, X_b, y_b,
    n_repeats=5, random_state=0).importances_mean
assert mdi[5] > 0.05 and mdi[5] > 3 * mdi[4]  # credit
assert abs(perm[4:]).max() < 0.03  # ...but no value
# --8<-- [end:importance]
assert perm[:3].max() > 0.1  # the informative columns do matter

print(f"RF test {rf_acc:.3f} (OOB {rf.oob_score_:.3f}), GB test {gb_acc:.3f}")
print("MDI ", np.round(mdi, 3))
print("perm", np.round(perm, 3))
