#!/usr/bin/env python3
"""The CheckThat! organisers' two baselines for debates, scored like eval.py (issue 13).

Usage: baselines.py TRAIN_DIR TEST_DIR
       baselines.py --loto TRAIN_DIR
  TRAIN_DIR  transcripts to fit on (/tmp/clef2019/training: fetch-clef2019.sh)
  TEST_DIR   transcripts to score (/tmp/clef2020/test-gold: fetch-clef2020.sh)
  --loto     the n-gram baseline by leave-one-transcript-out over TRAIN_DIR, as train.py's
             LOTO scores the app's model (19 fits, about 5 minutes)

The n-gram baseline is the recipe of `baselines/baselines.py` in
sshaar/clef2020-factchecking-task5 (TF-IDF of word unigrams, an RBF SVM with C = 1 and
gamma = 0.75, lines ranked by the decision function), fitted here on TRAIN_DIR instead of that
task's training archives (which hold the CLEF-2019 test transcripts this project never reads).
The random baseline ranks lines by `random.random()` with seed 0. Needs scikit-learn
(/tmp/venv-claims). MAP and P@10 are eval.py's (`ap_p10`, the CLEF scorer's).
"""
import glob
import os
import random
import sys

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.svm import SVC

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval import ap_p10  # noqa: E402


def read(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 4:
                rows.append((cols[2], int(cols[3])))
    return rows


def ngram():
    return Pipeline([
        ("ngrams", TfidfVectorizer(ngram_range=(1, 1))),
        ("clf", SVC(C=1, gamma=0.75, kernel="rbf", random_state=0)),
    ])


def ranked(pipe, rows):
    scores = pipe.decision_function([t for t, _ in rows])
    return ap_p10([(i, y, s) for i, ((_, y), s) in enumerate(zip(rows, scores))])


def loto(train_dir):
    data = {p: read(p) for p in sorted(glob.glob(os.path.join(train_dir, "*.tsv")))}
    if not data:
        sys.exit("no transcripts found")
    per = []
    for held in data:
        train = [r for p, rows in data.items() if p != held for r in rows]
        pipe = ngram().fit([t for t, _ in train], [y for _, y in train])
        per.append(ranked(pipe, data[held]))
    n = len(per)
    print(f"n-gram (TF-IDF, RBF SVM), LOTO over {n} transcripts: "
          f"MAP {sum(a for a, _ in per) / n:.4f}  P@10 {sum(p for _, p in per) / n:.4f}")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--loto":
        return loto(sys.argv[2])
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    train_dir, test_dir = sys.argv[1], sys.argv[2]
    train = [r for p in sorted(glob.glob(os.path.join(train_dir, "*.tsv"))) for r in read(p)]
    tests = sorted(glob.glob(os.path.join(test_dir, "*.tsv")))
    if not train or not tests:
        sys.exit("no transcripts found")
    pipe = ngram().fit([t for t, _ in train], [y for _, y in train])
    random.seed(0)
    scores = {"n-gram (TF-IDF, RBF SVM)": [], "random": []}
    for path in tests:
        rows = read(path)
        labels = [y for _, y in rows]
        scores["n-gram (TF-IDF, RBF SVM)"].append(ranked(pipe, rows))
        scores["random"].append(ap_p10([(i, y, random.random()) for i, y in enumerate(labels)]))
    for name, per in scores.items():
        n = len(per)
        print(f"{name}, {n} transcripts: MAP {sum(a for a, _ in per) / n:.4f}  "
              f"P@10 {sum(p for _, p in per) / n:.4f}")


if __name__ == "__main__":
    main()
