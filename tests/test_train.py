"""The training command runs end to end on a tiny slice of the shared corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.skipif(
    not (SHARED_DATA / "peoples_daily").is_dir(),
    reason=f"training corpora not found at {SHARED_DATA} (they live beside the project, never in it)",
)


def test_train_corpora_map_labels_and_keep_splits_apart():
    from kg.train.corpora import load_splits

    splits = load_splits(SHARED_DATA)
    assert len(splits.eval["peoples_daily"]) == 1000
    held_out = {ex.text for exs in splits.eval.values() for ex in exs}
    assert not held_out & {ex.text for ex in splits.train + splits.dev}
    labels = {label for ex in splits.train for *_, label in ex.spans}
    assert {"PERSON", "ORG", "GPE", "LOC", "PRODUCT"} <= labels


def test_train_command_trains_a_few_steps(tmp_path: Path):
    from kg.train.__main__ import main

    assert main(["--workdir", str(tmp_path), "--max-steps", "4", "--limit", "40"]) == 0
    scores = json.loads((tmp_path / "scores.json").read_text())
    assert set(scores) >= {"peoples_daily", "weibo", "cluener"}
    assert (tmp_path / "model" / "model-best" / "ner").is_dir()
