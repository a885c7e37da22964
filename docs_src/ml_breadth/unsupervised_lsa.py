"""Latent semantic analysis: TF-IDF, then truncated SVD, checked against numpy.linalg.svd.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/unsupervised_lsa.py

Checks: sklearn's TruncatedSVD equals the top singular triplets of numpy's SVD (up to sign);
a query for "car" matches an "automobile" document after LSA although they share no word;
folding a new query into the latent space equals TruncatedSVD.transform.
"""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

# --8<-- [start:lsa]
docs = [
    "the car engine needs oil",
    "a new car with a fast engine",
    "the automobile engine was repaired",
    "automobile dealers sell engine parts",
    "apples and bananas are fruit",
    "fresh fruit like apples at the market",
    "bananas are a sweet fruit",
]
vectorizer = TfidfVectorizer(stop_words="english")
A = vectorizer.fit_transform(docs)                 # sparse (n_docs, n_terms), rows L2-normalised
terms = vectorizer.get_feature_names_out()

svd = TruncatedSVD(n_components=2, algorithm="arpack", random_state=0)
doc_topics = svd.fit_transform(A)                  # U_k Sigma_k: documents in topic space
term_topics = svd.components_.T                    # V_k: terms in the same space

for j, comp in enumerate(svd.components_):
    top = terms[np.argsort(-np.abs(comp))[:4]]
    print(f"topic {j}: singular value {svd.singular_values_[j]:.3f}, top terms {list(top)}")
# --8<-- [end:lsa]


# --8<-- [start:check-svd]
U, S, Vt = np.linalg.svd(A.toarray(), full_matrices=False)
assert np.allclose(svd.singular_values_, S[:2], rtol=1e-10)
signs = np.sign((svd.components_ * Vt[:2]).sum(axis=1))   # singular vectors are defined up to sign
assert np.allclose(svd.components_, signs[:, None] * Vt[:2], atol=1e-10)
assert np.allclose(doc_topics, U[:, :2] * S[:2] * signs, atol=1e-10)
print("TruncatedSVD = top-2 singular triplets of numpy's SVD (up to sign, atol 1e-10)")
# --8<-- [end:check-svd]


# --8<-- [start:check-synonymy]
query = vectorizer.transform(["car"])
q_topics = svd.transform(query)
assert np.allclose(q_topics, query.toarray() @ svd.components_.T)   # fold-in: q V_k
cos_tfidf = (normalize(query) @ normalize(A).T).toarray().ravel()
cos_lsa = normalize(q_topics) @ normalize(doc_topics).T
print("cosine(query 'car', doc) in TF-IDF space:", np.round(cos_tfidf, 2))
print("cosine(query 'car', doc) in LSA space:   ", np.round(cos_lsa.ravel(), 2) + 0.0)  # + 0.0 turns -0.0 into 0.0
assert cos_tfidf[2] == 0.0 and cos_lsa[0, 2] > 0.9   # doc 2 says "automobile", never "car"
assert cos_lsa[0, 4:].max() < 0.3                    # the fruit documents stay far away
# --8<-- [end:check-synonymy]
