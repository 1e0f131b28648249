"""The model's choices and the shipped defaults, importable without scikit-learn.

The defaults are the shipped model's settings: word n-grams with logistic regression
cost a little F1 against added character n-grams but are about 25 times faster
(docs/model-selection.md, benchmarks/results.md).
"""

CLASSIFIERS = ("logreg", "svm", "sgd")
FEATURES = ("word", "word+char")
DEFAULT_CLASSIFIER = "logreg"
DEFAULT_FEATURES = "word"
DEFAULT_C = 30.0
