"""Reference values for the analysis algorithm specs (test/analysis/*.test.ts, test/analysis/coding/*.test.ts),
computed independently with numpy, scipy and scikit-learn. Each block says which spec its numbers are pasted into.

Run from the project root (numpy 2, scipy 1.17, scikit-learn 1.9 were used):
  python3 -m venv /tmp/venv && /tmp/venv/bin/pip install numpy scipy scikit-learn
  /tmp/venv/bin/python test/reference/analysis_algorithms.py
"""
import json

import numpy as np
from scipy.special import gammaln
from scipy.stats import chi2, norm
from sklearn.decomposition import NMF, TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score
from sklearn.svm import LinearSVC


def show(name, value):
    print(f"{name}: {json.dumps(value)}")


# distributions.test.ts: chi-square upper tail, two-sided normal p, z for 95%, log n!.
show("chi2.sf", [[x, df, chi2.sf(x, df)] for x, df in [(3.84, 1), (10.0, 4), (0.5, 3), (200.0, 2), (1500.0, 10)]])
show("normal two-sided", [[z, 2 * norm.sf(abs(z))] for z in [0.0, 1.0, -1.96, 3.5, 9.0]])
show("z95", norm.ppf(0.975))
show("log n!", [[n, gammaln(n + 1)] for n in [0, 1, 5, 20, 170, 1000]])

# cluster-agreement.test.ts: NMI with arithmetic-mean normalisation (sklearn's default).
pairs = [
    ([0, 0, 1, 1, 2, 2], [1, 1, 0, 0, 2, 2]),
    ([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]),
    ([0, 1, 0, 1, 0, 1, 0, 1], [0, 0, 1, 1, 0, 0, 1, 1]),
    ([0, 0, 1, 1, 1, 2, 2, 2, 2, 0], [5, 5, 5, 7, 7, 7, 9, 9, 9, 9]),
]
show("nmi", [normalized_mutual_info_score(a, b) for a, b in pairs])

# tfidf.test.ts: the terms TfidfVectorizer.terms() gives the five texts, weighted as sklearn does.
documents = [
    ["nurs", "need", "time", "nurs need", "need time"],
    ["time", "nurs", "staff", "time nurs", "nurs staff"],
    ["staff", "train", "staff train"],
    ["time", "time", "time", "time time", "time time"],
    ["train", "staff", "need", "fund", "train staff", "staff need", "need fund"],
]
tfidf = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, smooth_idf=True, norm="l2", min_df=2)
matrix = tfidf.fit_transform(documents)
show("tfidf vocabulary", list(tfidf.get_feature_names_out()))
show("tfidf rows", [[[int(j), float(v)] for j, v in zip(row.indices, row.data)] for row in matrix])

# lsa.test.ts: rank-2 truncated SVD of a 6 x 5 matrix; rows of X V (what TruncatedSVD.transform gives) made
# unit length, which is what lsa() returns, up to the sign of each column.
X = np.array(
    [
        [3, 1, 0, 0, 1],
        [2, 2, 0, 1, 0],
        [0, 0, 4, 1, 0],
        [0, 1, 3, 2, 0],
        [1, 0, 0, 0, 3],
        [0, 0, 1, 0, 2],
    ],
    dtype=float,
)
svd = TruncatedSVD(n_components=2, algorithm="arpack").fit(X)
coordinates = svd.transform(X)
show("svd singular values", list(svd.singular_values_))
show("lsa unit rows", (coordinates / np.linalg.norm(coordinates, axis=1, keepdims=True)).tolist())

# linear-svm.test.ts: LinearSVC (squared hinge, L2, dual coordinate descent, bias as a feature of value 1 as
# LIBLINEAR's intercept_scaling=1), one binary problem per label, fitted to convergence.
points = np.array(
    [[1.0, 0.2, 0], [0.9, 0.1, 0.3], [0.8, 0.4, 0], [0.1, 1.0, 0.2], [0.2, 0.9, 0], [0, 0.8, 0.5], [0.5, 0.5, 1.0], [0.3, 0.2, 0.9]]
)
labels = [["a"], ["a"], ["a", "c"], ["b"], ["b"], ["b", "c"], ["c"], ["c"]]
queries = np.array([[0.7, 0.1, 0.1], [0.05, 0.6, 0.0], [0.4, 0.3, 0.8], [0.5, 0.5, 0.0]])
svm_scores = {}
for label in ["a", "b", "c"]:
    y = np.array([1 if label in s else -1 for s in labels])
    model = LinearSVC(C=1.0, loss="squared_hinge", dual=True, tol=1e-12, max_iter=1_000_000, intercept_scaling=1)
    model.fit(points, y)
    svm_scores[label] = model.decision_function(queries).tolist()
show("svm decision values (queries x a,b,c)", [[svm_scores[l][q] for l in "abc"] for q in range(len(queries))])

# nmf.test.ts: the Frobenius error scikit-learn's coordinate-descent NMF reaches on a noisy rank-2 matrix (the
# best of five starts), which ours should match; and an exact rank-2 matrix it reconstructs.
W0 = np.array([[1, 0], [2, 0.5], [0, 1], [0.5, 2], [1, 1], [3, 0]], dtype=float)
H0 = np.array([[1, 2, 0, 0.5], [0, 0.5, 2, 1]], dtype=float)
noise = np.array(
    [
        [0.1, 0, 0.2, 0],
        [0, 0.3, 0, 0.1],
        [0.2, 0, 0, 0.2],
        [0, 0.1, 0.3, 0],
        [0.1, 0.1, 0, 0.3],
        [0, 0.2, 0.1, 0],
    ]
)
errors = []
for seed in range(5):
    model = NMF(n_components=2, solver="cd", init="random", random_state=seed, max_iter=20000, tol=1e-12)
    model.fit(W0 @ H0 + noise)
    errors.append(model.reconstruction_err_)
show("nmf noisy best error", min(errors))
show("nmf noisy matrix", (W0 @ H0 + noise).tolist())

# tallies.test.ts: weighted mean and the sample SD the tally gives (weighted population variance x n/(n-1)).
x = np.array([2.0, 4.0, 4.0, 5.0, 9.0])
w = np.array([1.0, 0.5, 2.0, 1.5, 1.0])
mean = np.average(x, weights=w)
show("weighted mean, sd", [mean, float(np.sqrt(np.average((x - mean) ** 2, weights=w) * len(x) / (len(x) - 1)))])

# scales.test.ts: NPS interval from (p + d - (p - d)^2) / n with z = norm.ppf(0.975).
promoters, passives, detractors = 5, 3, 4
n = promoters + passives + detractors
p, d = promoters / n, detractors / n
half = norm.ppf(0.975) * np.sqrt((p + d - (p - d) ** 2) / n) * 100
show("nps score, ci", [(p - d) * 100, (p - d) * 100 - half, (p - d) * 100 + half])

# number-frequencies.test.ts: quantiles by Hyndman-Fan type 7 (numpy's default 'linear'), mean and sample SD.
values = [0.5, 1, 1, 2, 3.5, 4, 4, 4, 8, 12.5]
show("percentiles 0 10 25 50 75 90 100", list(np.percentile(values, [0, 10, 25, 50, 75, 90, 100])))
show("mean, sd (ddof=1)", [float(np.mean(values)), float(np.std(values, ddof=1))])
