"""Resolution measured on the labelled pairs in tests/data (see kg/train/resolution.py)."""

from __future__ import annotations

from kg.train.resolution import RESOLUTION_PAIRS, TRANSLITERATION_PAIRS, choose_threshold, pairwise, read_csv, sweep
from kg.transliteration import THRESHOLD


def test_resolution_pairs_are_enough_and_balanced():
    pairs = read_csv(RESOLUTION_PAIRS)
    assert len(pairs) >= 200
    assert 0.3 < sum(p["same"] == "1" for p in pairs) / len(pairs) < 0.7


def test_resolution_threshold_is_the_one_the_labelled_pairs_choose():
    assert choose_threshold(sweep(read_csv(TRANSLITERATION_PAIRS))) == THRESHOLD


def test_resolution_pairwise_precision_and_recall_meet_the_goal():
    precision, recall, errors = pairwise(read_csv(RESOLUTION_PAIRS))
    assert precision >= 0.98, errors
    assert recall >= 0.90, errors
