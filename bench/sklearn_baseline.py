"""Reference baseline for bench:coding: scikit-learn TF-IDF + LinearSVC on the same splits.

Reads a JSON file {"texts": [...], "targets": {"label": [...], "code": [...]}, "splits": [[train indices], ...]}
and prints one JSON object per line: {"target", "seed", "macroF1", "microF1", "seconds"}.
"""
import json
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.svm import LinearSVC

data = json.load(open(sys.argv[1]))
texts = data["texts"]
for target, labels in data["targets"].items():
    for seed, train in enumerate(data["splits"]):
        train_set = set(train)
        test = [i for i in range(len(texts)) if i not in train_set]
        started = time.perf_counter()
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        features = vectorizer.fit_transform([texts[i] for i in train])
        model = LinearSVC().fit(features, [labels[i] for i in train])
        predicted = model.predict(vectorizer.transform([texts[i] for i in test]))
        seconds = time.perf_counter() - started
        truth = [labels[i] for i in test]
        print(json.dumps({
            "target": target,
            "seed": seed,
            "macroF1": f1_score(truth, predicted, average="macro"),
            "microF1": f1_score(truth, predicted, average="micro"),
            "seconds": seconds,
        }))

# Themes: normalised mutual information with the human labels and sub-codes, for our theme assignment and for a
# TF-IDF + k-means baseline with the same number of clusters, on the same texts.
if "themeRuns" in data:
    from sklearn.cluster import KMeans
    from sklearn.metrics import normalized_mutual_info_score

    for run in data["themeRuns"]:
        size = run["size"]
        themes = run["themes"]
        clusters = len(set(t for t in themes if t != "none"))
        features = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2).fit_transform(texts[:size])
        baseline = KMeans(n_clusters=clusters, n_init=10, random_state=0).fit_predict(features)
        result = {"target": "themes", "size": size, "clusters": clusters, "ours": {}, "baseline": {}}
        for target in ("label", "code"):
            truth = data["targets"][target][:size]
            result["ours"][target] = normalized_mutual_info_score(truth, themes)
            result["baseline"][target] = normalized_mutual_info_score(truth, baseline)
        print(json.dumps(result))
