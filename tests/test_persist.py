"""Model files: round trips, atomic writes, and loads that never run a stranger's code."""

from __future__ import annotations

import os
import pickle
import zipfile

import joblib
import pytest

from directive_clf import ModelError, load_model, save_model
from directive_clf.persist import UntrustedModelWarning, default_model_path

SENTENCES = ["Li Ming presided over the meeting.", "We must strengthen flood control.",
             "The meeting was held on Monday.", "The work has achieved remarkable results."]


class RunsCode:
    """Unpickling this object creates a file: proof that loading ran code."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_round_trip_keeps_predictions_and_metadata(tmp_path, small_model):
    path = save_model(small_model, tmp_path / "m.skops")
    loaded = load_model(path)
    assert list(loaded.predict(SENTENCES)) == list(small_model.predict(SENTENCES))
    assert (loaded.predict_proba(SENTENCES) == small_model.predict_proba(SENTENCES)).all()
    assert loaded.metadata["training_data"]["sha256"] == small_model.metadata["training_data"]["sha256"]


def test_save_replaces_atomically_and_leaves_no_temporary_files(tmp_path, small_model):
    path = tmp_path / "m.skops"
    path.write_bytes(b"old")
    save_model(small_model, path)
    assert zipfile.is_zipfile(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.skops"]


def test_failed_save_keeps_the_old_file(tmp_path, small_model, monkeypatch):
    path = tmp_path / "m.skops"
    path.write_bytes(b"previous model")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        save_model(small_model, path)
    assert path.read_bytes() == b"previous model"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.skops"]


@pytest.mark.parametrize("dump", [joblib.dump, lambda obj, path: path.write_bytes(pickle.dumps(obj))],
                         ids=["joblib", "pickle"])
def test_pickles_that_run_code_are_refused_without_running(tmp_path, dump):
    marker = tmp_path / "pwned"
    model_file = tmp_path / "evil.joblib"
    dump(RunsCode(marker), model_file)
    with pytest.raises(ModelError, match="pickle/joblib file, and loading one can run any code"):
        load_model(model_file)
    assert not marker.exists()


def test_skops_file_with_untrusted_function_is_refused(tmp_path, small_model):
    import skops.io as sio

    words = small_model.pipeline.named_steps["features"].transformer_list[0][1]
    original = words.preprocessor
    words.preprocessor = os.getcwd  # any function outside directive-clf's own list
    try:
        data = sio.dumps({"format": "directive-clf", "format_version": 1, "metadata": {},
                          "pipeline": small_model.pipeline})
    finally:
        words.preprocessor = original
    path = tmp_path / "odd.skops"
    path.write_bytes(data)
    with pytest.raises(ModelError, match=r"holds types directive-clf does not trust \(posix.getcwd"):
        load_model(path)


def test_trusted_pickle_loads_with_a_warning(tmp_path, small_model):
    path = tmp_path / "mine.joblib"
    joblib.dump(small_model, path)
    with pytest.warns(UntrustedModelWarning):
        loaded = load_model(path, trusted=True)
    assert list(loaded.predict(SENTENCES)) == list(small_model.predict(SENTENCES))


def test_truncated_file_is_refused(tmp_path, small_model_file):
    path = tmp_path / "cut.skops"
    path.write_bytes(small_model_file.read_bytes()[:5000])
    with pytest.raises(ModelError, match="cut.skops: is not a directive-clf model file|damaged"):
        load_model(path)


def test_foreign_skops_file_is_refused(tmp_path):
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    path = tmp_path / "other.skops"
    sio.dump(LogisticRegression(), path)
    with pytest.raises(ModelError, match="is not a directive-clf model"):
        load_model(path)


def test_model_from_newer_scikit_learn_is_refused(tmp_path, small_model):
    small_model.metadata["sklearn_version"] = "99.0.0"
    try:
        path = save_model(small_model, tmp_path / "future.skops")
    finally:
        import sklearn
        small_model.metadata["sklearn_version"] = sklearn.__version__
    with pytest.raises(ModelError, match="trained with scikit-learn 99.0.0, newer than the installed"):
        load_model(path)


def test_missing_and_directory_paths(tmp_path):
    with pytest.raises(ModelError, match="no such model file"):
        load_model(tmp_path / "none.skops")
    with pytest.raises(ModelError, match="is a directory"):
        load_model(tmp_path)


def test_default_model_is_shipped_and_loads():
    assert default_model_path().is_file()
    model = load_model()
    assert sorted(model.classes_) == ["attendance", "context", "directive", "praise"]
    assert model.metadata["training_data"]["sentences"] > 0


def test_concurrent_saves_to_one_path_leave_a_whole_model(tmp_path, small_model):
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "shared.skops"
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda _: save_model(small_model, path), range(6)))
    assert list(load_model(path).predict(SENTENCES)) == list(small_model.predict(SENTENCES))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.skops"]


def test_without_skops_the_shipped_model_loads_and_skops_files_say_what_to_install(monkeypatch, small_model_file):
    import sys

    monkeypatch.setitem(sys.modules, "skops.io", None)  # as if skops were not installed
    monkeypatch.setitem(sys.modules, "skops", None)
    assert load_model().predict(["Li Ming presided over the meeting."])[0] == "attendance"
    with pytest.raises(ModelError, match="needs the skops package.*pip install skops"):
        load_model(small_model_file)


def test_the_shipped_joblib_loads_by_its_digest_and_no_other_joblib_does(tmp_path, small_model, recwarn):
    copy = tmp_path / "copy.joblib"
    copy.write_bytes(default_model_path().read_bytes())
    assert load_model(copy).metadata == load_model().metadata
    assert not [w for w in recwarn if issubclass(w.category, UntrustedModelWarning)]
    mine = save_model(small_model, tmp_path / "mine.joblib")  # writes mine.joblib.sha256 beside it
    assert (tmp_path / "mine.joblib.sha256").is_file()
    with pytest.raises(ModelError, match="can run any code"):
        load_model(mine)
    with pytest.warns(UntrustedModelWarning):
        assert load_model(mine, trusted=True).metadata == small_model.metadata
