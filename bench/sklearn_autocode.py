"""Whole-process baseline for `canvass autocode` in bench:coding: the same job as a script a researcher would run.

Reads a CSV with columns feedback and code (empty code = to suggest), trains scikit-learn TF-IDF + LinearSVC on the
coded rows, and writes the CSV back with suggestions. Run: python3 bench/sklearn_autocode.py in.csv out.csv
"""
import csv
import sys

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

rows = list(csv.DictReader(open(sys.argv[1], newline="")))
coded = [row for row in rows if row["code"]]
vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
model = LinearSVC().fit(vectorizer.fit_transform([row["feedback"] for row in coded]), [row["code"] for row in coded])
todo = [row for row in rows if not row["code"]]
for row, code in zip(todo, model.predict(vectorizer.transform([row["feedback"] for row in todo]))):
    row["code"] = code
with open(sys.argv[2], "w", newline="") as out:
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
