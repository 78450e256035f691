"""Writes the classic data sets that MLHub ships to Sources/Datasets/Bundled/ as plain CSV.

The values come from the data files inside scikit-learn's wheel (sklearn/datasets/data/,
BSD-3-Clause); this script copies their cells as text, adds a header row with the feature
names scikit-learn uses, and writes the class names to target_names.csv. Nothing is rounded.

    python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn
    /tmp/skl/bin/python Tests/DatasetsTests/Fixtures/export_bundled_datasets.py
"""
import gzip
import os

import sklearn
from sklearn import datasets

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "Sources", "Datasets", "Bundled"))
DATA = os.path.join(os.path.dirname(datasets.__file__), "data")


def source_lines(name):
    path = os.path.join(DATA, name)
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt") as f:
        return [line.strip() for line in f if line.strip()]


def write_csv(name, header, rows):
    for row in rows:
        assert len(row) == len(header), (name, row)
        assert all("," not in cell and '"' not in cell for cell in row)
    assert all("," not in cell and '"' not in cell for cell in header)
    with open(os.path.join(OUT, name), "w", newline="") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")
    print(f"wrote {len(rows)} rows to {name}")


def main():
    print(f"scikit-learn {sklearn.__version__}, data from {DATA}")
    target_names = []

    # iris.csv, wine_data.csv, breast_cancer.csv: a first line "samples,features,class names…",
    # then the features and an integer class per line.
    for file, out, loader in [("iris.csv", "iris.csv", datasets.load_iris),
                              ("wine_data.csv", "wine.csv", datasets.load_wine),
                              ("breast_cancer.csv", "breast_cancer.csv", datasets.load_breast_cancer)]:
        lines = source_lines(file)
        first = lines[0].split(",")
        samples, features, classes = int(first[0]), int(first[1]), first[2:]
        rows = [line.split(",") for line in lines[1:]]
        assert len(rows) == samples and all(len(r) == features + 1 for r in rows)
        names = [str(n) for n in loader().feature_names]
        write_csv(out, names + ["target"], rows)
        target_names += [(out[:-4], i, c) for i, c in enumerate(classes)]

    # digits.csv.gz: 64 pixel values (0–16) and the digit, no header line.
    rows = [line.split(",") for line in source_lines("digits.csv.gz")]
    names = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)]
    assert names == list(datasets.load_digits().feature_names)
    write_csv("digits.csv", names + ["target"], rows)
    target_names += [("digits", i, str(i)) for i in range(10)]

    # diabetes: the unscaled ("raw") features, space-separated, and the target in its own file.
    features = [line.split() for line in source_lines("diabetes_data_raw.csv.gz")]
    targets = [repr(float(line)) for line in source_lines("diabetes_target.csv.gz")]
    assert len(features) == len(targets) == 442
    names = list(datasets.load_diabetes().feature_names)
    write_csv("diabetes.csv", names + ["target"], [f + [t] for f, t in zip(features, targets)])

    write_csv("target_names.csv", ["dataset", "index", "name"], [[d, str(i), n] for d, i, n in target_names])


if __name__ == "__main__":
    main()
