"""Labelling readouts on a Dask cluster gives what the command line gives."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from directive_clf.cli import app
from directive_clf.distributed import classify_partition, read_partition

from .conftest import DATA

dask_bag = pytest.importorskip("dask.bag", reason="the dask extra is not installed")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def readouts(test_rows):
    docs = sorted({r["doc"] for r in test_rows})[:12]
    return [str(DATA / "readouts" / f"{doc}.txt") for doc in docs]


def test_a_dask_bag_of_readouts_is_labelled_as_the_cli_labels_them(readouts, small_model_file, tmp_path):
    broken = tmp_path / "scan.txt"
    broken.write_bytes(b"%PDF-1.7 \x00\x01\x02")
    paths = [*readouts[:6], str(broken), *readouts[6:]]
    cli = CliRunner().invoke(app, ["predict", *readouts, "--format", "jsonl", "--model", str(small_model_file)])
    assert cli.exit_code == 0
    expected = [json.loads(line) for line in cli.stdout.splitlines()]

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        bag = dask_bag.from_sequence(paths, npartitions=4).map_partitions(read_partition)
        records = bag.map_partitions(classify_partition, str(small_model_file)).compute()

    errors = [r for r in records if "error" in r]
    assert [e["source"] for e in errors] == [str(broken)] and "PDF" in errors[0]["error"]
    assert [r for r in records if "error" not in r] == expected
