"""Measure entity resolution on labelled pairs, and choose the transliteration threshold.

    python -m kg.train.resolution            # threshold sweep + pairwise precision/recall
    python -m kg.train.resolution --make-pairs   # regenerate tests/data/resolution_pairs.csv

Each labelled pair (a, b) becomes two one-sentence documents that share a neighbour
entity (so the transliteration guard can fire); the pair counts as merged when
:func:`kg.resolve.resolve` puts both mentions in one entity.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

import opencc

from kg.aliases import load_alias_table
from kg.nlp.extract import Extraction, Mention
from kg.nlp.normalize import normalize
from kg.resolve import resolve
from kg.transliteration import THRESHOLD, looks_transliterated, similarity

TESTS_DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
TRANSLITERATION_PAIRS = TESTS_DATA / "transliteration_pairs.csv"
RESOLUTION_PAIRS = TESTS_DATA / "resolution_pairs.csv"
FIELDS = ["a", "a_type", "b", "b_type", "same", "source"]


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def sweep(pairs: list[dict]) -> list[tuple[float, float, float]]:
    """(threshold, precision, recall) of the sound matcher alone on transliteration pairs."""
    rows = []
    for step in range(50, 100, 5):
        threshold = step / 100
        tp = fp = fn = 0
        for p in pairs:
            same = p["same"] == "1"
            guess = (
                looks_transliterated(p["a"])
                and looks_transliterated(p["b"])
                and similarity(p["a"], p["b"]) >= threshold
            )
            tp += same and guess
            fp += guess and not same
            fn += same and not guess
        rows.append((threshold, tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 0.0))
    return rows


def choose_threshold(rows: list[tuple[float, float, float]]) -> float:
    """The threshold with the best F0.5 (precision weighs double: a wrong merge is
    worse than a missed one)."""

    def f_half(p: float, r: float) -> float:
        return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0

    return max(rows, key=lambda row: (f_half(row[1], row[2]), row[0]))[0]


def _doc(doc_id: str, name: str, etype: str) -> Extraction:
    text = f"{name}在联合国发言。"
    return Extraction(
        doc_id,
        doc_id,
        doc_id,
        None,
        None,
        [(0, len(text), text)],
        [0],
        [Mention(name, etype, 0, len(name), 0), Mention("联合国", "ORG", len(name) + 1, len(name) + 4, 0)],
    )


def pairwise(pairs: list[dict]) -> tuple[float, float, list[dict]]:
    """Precision and recall of merges over labelled mention pairs, and the errors."""
    aliases = load_alias_table()
    tp = fp = fn = 0
    errors = []
    for i, p in enumerate(pairs):
        a, b = _doc(f"a{i}", p["a"], p["a_type"]), _doc(f"b{i}", p["b"], p["b_type"])
        resolved = resolve([a, b], aliases)
        merged = resolved.occurrences[a.doc_id][0][0] == resolved.occurrences[b.doc_id][0][0]
        same = p["same"] == "1"
        tp += merged and same
        fp += merged and not same
        fn += same and not merged
        if merged != same:
            errors.append(p)
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 0.0), errors


def _listed(aliases, name: str, etype: str) -> bool:
    return aliases.lookup(etype, normalize(name)) is not None


def make_pairs(data_dir: Path, seed: int = 7) -> list[dict]:
    """Hand-written seed pairs, transliteration pairs, and pairs drawn from CLUENER
    dev names: Traditional versions (OpenCC), separator variants, and different
    names of one type sharing their first character (negatives)."""
    from kg.train.corpora import read_cluener

    rng = random.Random(seed)
    s2t = opencc.OpenCC("s2t")
    rows = [dict(zip(FIELDS, r)) for r in csv.reader((TESTS_DATA / "seed_pairs.csv").open(encoding="utf-8"))][1:]
    for p in read_csv(TRANSLITERATION_PAIRS):
        rows.append(
            {
                "a": p["a"],
                "a_type": "PERSON",
                "b": p["b"],
                "b_type": "PERSON",
                "same": p["same"],
                "source": f"transliteration: {p['note']}",
            }
        )
    names: dict[str, set[str]] = {"PERSON": set(), "ORG": set(), "GPE": set()}
    for ex in read_cluener(data_dir / "cluener" / "dev.json"):
        for start, end, label in ex.spans:
            if label in names and 2 <= end - start <= 8:
                names[label].add(ex.text[start:end])
    for etype, pool in names.items():
        pool = sorted(pool)
        rng.shuffle(pool)
        variants = [n for n in pool if s2t.convert(n) != n][:30]
        rows += [
            {
                "a": n,
                "a_type": etype,
                "b": s2t.convert(n),
                "b_type": etype,
                "same": "1",
                "source": "CLUENER dev, OpenCC s2t",
            }
            for n in variants
        ]
        by_first: dict[str, list[str]] = {}
        for n in pool:
            by_first.setdefault(n[0], []).append(n)
        negatives = [(v[0], v[1]) for v in by_first.values() if len(v) > 1 and normalize(v[0]) != normalize(v[1])][:20]
        rows += [
            {
                "a": a,
                "a_type": etype,
                "b": b,
                "b_type": etype,
                "same": "0",
                "source": "CLUENER dev, same first character",
            }
            for a, b in negatives
        ]
    dotted = sorted(n for n in names["PERSON"] if "·" in n)[:15]
    rows += [
        {
            "a": n,
            "a_type": "PERSON",
            "b": n.replace("·", rng.choice("•．・∙")),
            "b_type": "PERSON",
            "same": "1",
            "source": "CLUENER dev, separator variant",
        }
        for n in dotted
    ]
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.train.resolution", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--make-pairs", action="store_true", help=f"regenerate {RESOLUTION_PAIRS.name} from ../shared/data"
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args(argv)
    if args.make_pairs:
        rows = make_pairs(args.data)
        with RESOLUTION_PAIRS.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, FIELDS)
            writer.writeheader()
            writer.writerows(rows)
        print(f"wrote {len(rows)} pairs to {RESOLUTION_PAIRS}")
    print("transliteration matcher alone (tests/data/transliteration_pairs.csv):")
    print("threshold  precision  recall")
    rows = sweep(read_csv(TRANSLITERATION_PAIRS))
    for threshold, p, r in rows:
        print(f"{threshold:9.2f}  {p:9.3f}  {r:6.3f}")
    chosen = choose_threshold(rows)
    print(f"best F0.5 at threshold {chosen:.2f}; kg.transliteration.THRESHOLD is {THRESHOLD:.2f}")
    pairs = read_csv(RESOLUTION_PAIRS)
    precision, recall, errors = pairwise(pairs)
    positives = sum(p["same"] == "1" for p in pairs)
    print(f"\nfull resolution on {len(pairs)} labelled pairs ({positives} same, {len(pairs) - positives} different):")
    print(f"pairwise merge precision {precision:.3f}, recall {recall:.3f}")
    # the alias table decides pairs whose two names it lists; the rest measure the mechanisms
    aliases = load_alias_table()
    unlisted = [p for p in pairs if not all(_listed(aliases, p[n], p[f"{n}_type"]) for n in ("a", "b"))]
    clean_p, clean_r, _ = pairwise(unlisted)
    print(f"on the {len(unlisted)} pairs the alias table does not list both names of: {clean_p:.3f}, {clean_r:.3f}")
    for p in errors:
        kind = "missed" if p["same"] == "1" else "wrong merge"
        print(f"  {kind}: {p['a']} ({p['a_type']}) / {p['b']} ({p['b_type']})  [{p['source']}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
