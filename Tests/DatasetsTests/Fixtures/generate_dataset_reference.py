"""Reference values for the bundled data sets, computed by scikit-learn's own loaders.

Writes datasets_reference.json: for each set its shape, feature and class names, class counts,
first three rows, first targets, and the sum of each feature column and of the target. The
Swift tests load the bundled CSVs and compare.

    python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn
    /tmp/skl/bin/python Tests/DatasetsTests/Fixtures/generate_dataset_reference.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn import datasets


def describe(bunch, classification):
    x, y = np.asarray(bunch.data, dtype=np.float64), np.asarray(bunch.target)
    entry = {
        "shape": list(x.shape),
        "feature_names": [str(n) for n in bunch.feature_names],
        "first_rows": x[:3].tolist(),
        "first_targets": [float(v) for v in y[:5]],
        "feature_sums": x.sum(axis=0).tolist(),
        "target_sum": float(y.astype(np.float64).sum()),
    }
    if classification:
        entry["target_names"] = [str(n) for n in bunch.target_names]
        entry["class_counts"] = np.bincount(y).tolist()
    return entry


def main():
    reference = {
        "sklearn_version": sklearn.__version__,
        "iris": describe(datasets.load_iris(), True),
        "wine": describe(datasets.load_wine(), True),
        "breast_cancer": describe(datasets.load_breast_cancer(), True),
        "digits": describe(datasets.load_digits(), True),
        "diabetes": describe(datasets.load_diabetes(scaled=False), False),
        "diabetes_scaled": describe(datasets.load_diabetes(scaled=True), False),
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "datasets_reference.json")
    with open(out, "w") as f:
        json.dump(reference, f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
