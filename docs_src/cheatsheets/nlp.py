"""NLP cheat sheet: tf-idf by hand vs scikit-learn, cosine retrieval, perplexity."""
import math

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

docs = [
    "the cat sat on the mat",
    "the dog sat on the log",
    "cats and dogs are pets",
]

# --8<-- [start:tfidf]
vec = TfidfVectorizer()  # smoothed idf
X = vec.fit_transform(docs)  # unit rows
n, df = len(docs), 2  # "the" is in 2 docs
idf = vec.idf_[vec.vocabulary_["the"]]
want = np.log((1 + n) / (1 + df)) + 1
assert np.isclose(idf, want)

q = vec.transform(["dog on a log"])
scores = (X @ q.T).toarray().ravel()
assert scores.argmax() == 1  # dog/log doc
# --8<-- [end:tfidf]

vocab = vec.vocabulary_

# Manual check of a whole row: raw counts * idf, then L2-normalise.
row = np.zeros(len(vocab))
for tok in docs[0].split():
    row[vocab[tok]] += 1
row *= vec.idf_
row /= np.linalg.norm(row)
assert np.allclose(X[0].toarray().ravel(), row)
assert np.allclose(np.linalg.norm(X.toarray(), axis=1), 1.0)

# Cosine similarity the long way agrees with the dot product of normalised rows.
assert np.allclose(cosine_similarity(X, q).ravel(), scores)

token_probs = np.array([0.25, 0.5, 0.125, 0.25])   # p(w_i | history) from a model
nll = -np.log(token_probs).mean()                  # mean negative log-likelihood (nats)
ppl = np.exp(nll)                                  # = geometric mean of 1/p
assert np.isclose(ppl, np.prod(1 / token_probs) ** (1 / len(token_probs)))
assert np.isclose(ppl, 4.0)                        # as uncertain as a fair 4-way choice
assert math.isclose(ppl, 2 ** (-np.log2(token_probs).mean()))
print("nlp.py OK", round(float(ppl), 4))
