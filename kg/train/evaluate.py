"""Exact-span precision/recall/F1 per type on the fixed held-out splits, and speed.

Every split is scored on coarse types so the corpora compare: PER (PERSON),
ORG, LOC (GPE, LOC and FAC together: People's Daily has one place type).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from kg.nlp.components import CONVENTION
from kg.train.corpora import COARSE, Example, convention

TYPES = ("PER", "ORG", "LOC")


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        keys = [label] if label else list(TYPES)
        tp = sum(self.tp[k] for k in keys)
        fp = sum(self.fp[k] for k in keys)
        fn = sum(self.fn[k] for k in keys)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _coarse(spans) -> set[tuple[int, int, str]]:
    return {(s, e, COARSE[label]) for s, e, label in spans if label in COARSE}


def score_split(nlp, examples: list[Example], batch_size: int = 256, tag: str = "") -> tuple[Score, float]:
    """Score one split; also return characters per second of ``nlp.pipe``. ``tag``:
    the annotation convention to read the texts with (unset: People's Daily's)."""
    score = Score()
    texts = [ex.text for ex in examples]
    start = time.perf_counter()
    inputs = [nlp.make_doc(text) for text in texts]
    if tag:
        for doc in inputs:
            doc.user_data[CONVENTION] = tag
    docs = list(nlp.pipe(inputs, batch_size=batch_size))
    elapsed = time.perf_counter() - start
    for ex, doc in zip(examples, docs):
        _count(score, ex, ((e.start_char, e.end_char, e.label_) for e in doc.ents))
    chars = sum(len(t) for t in texts)
    return score, chars / elapsed if elapsed else 0.0


def _count(score: Score, ex: Example, spans) -> None:
    gold = _coarse(ex.spans)
    ignored = set(ex.missing)
    pred = {s for s in _coarse(spans) if (s[0], s[1]) not in ignored}
    for s in pred & gold:
        score.tp[s[2]] += 1
    for s in pred - gold:
        score.fp[s[2]] += 1
    for s in gold - pred:
        score.fn[s[2]] += 1


def score_extraction(nlp, examples: list[Example]) -> Score:
    """Score kg's extraction of each text as one article: the model's spans after the
    document-level steps (titles, lists, companies, mended spans, names found again)."""
    from kg.ingest import Document
    from kg.nlp.extract import extract_documents

    score = Score()
    docs = [Document(id=str(i), path=f"{i}.txt", text=ex.text) for i, ex in enumerate(examples)]
    for ex, extraction in zip(examples, extract_documents(docs, nlp)):
        _count(score, ex, ((m.start, m.end, m.label) for m in extraction.mentions))
    return score


def evaluate(nlp, splits: dict[str, list[Example]], own_conventions: bool = False) -> dict:
    """Scores as a plain dict: {split: {type: {p, r, f}, "micro": {...}, "chars_per_s"}}.
    ``own_conventions``: read each split with its corpus's annotation convention (for
    models trained with ``conventions``); otherwise all with People's Daily's, as kg does."""
    results: dict = {}
    for name, examples in splits.items():
        score, speed = score_split(nlp, examples, tag=convention(name) if own_conventions else "")
        row = {}
        for label in (*TYPES, None):
            p, r, f = score.prf(label)
            row[label or "micro"] = {
                "p": round(p, 4),
                "r": round(r, 4),
                "f": round(f, 4),
                "support": sum(score.tp[k] + score.fn[k] for k in ([label] if label else TYPES)),
            }
        row["chars_per_s"] = round(speed)
        results[name] = row
    return results


def reads_conventions(nlp) -> bool:
    """Whether the pipeline's embedding was trained with corpus conventions."""
    return bool(nlp.config["components"]["tok2vec"]["model"]["embed"].get("conventions", False))


def evaluate_and_print(nlp, splits: dict[str, list[Example]]) -> dict:
    """:func:`evaluate` as kg reads text and, for a model trained with conventions, also
    with each split's own (under ``"own_conventions"``); print the tables."""
    results = evaluate(nlp, splits)
    print(format_table(results))
    if reads_conventions(nlp):
        # People's Daily's own convention is the one kg reads with: its row is already there
        tagged = evaluate(nlp, {n: exs for n, exs in splits.items() if convention(n)}, own_conventions=True)
        results["own_conventions"] = {n: tagged.get(n, results[n]) for n in splits}
        print("\nEach split read with its own corpus's annotation convention (kg reads all text as the first table):")
        print(format_table(results["own_conventions"]))
    return results


def format_table(results: dict) -> str:
    lines = ["| split | type | P | R | F1 | gold spans |", "|---|---|---|---|---|---|"]
    for split, row in results.items():
        for label in (*TYPES, "micro"):
            cell = row[label]
            lines.append(
                f"| {split} | {label} | {cell['p']:.3f} | {cell['r']:.3f} | {cell['f']:.3f} | {cell['support']} |"
            )
    lines.append("")
    lines.append("| split | characters/second (one process) |")
    lines.append("|---|---|")
    for split, row in results.items():
        lines.append(f"| {split} | {row['chars_per_s']:,} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.train.evaluate``: score a model on the fixed held-out splits."""
    import argparse
    import json
    import sys
    from pathlib import Path

    from kg.nlp.extract import MODEL_DIR, load_pipeline
    from kg.train.corpora import load_splits

    parser = argparse.ArgumentParser(
        prog="python -m kg.train.evaluate",
        description="Exact-span P/R/F1 per type on the held-out splits, characters/second and load time.",
        epilog="example: python -m kg.train.evaluate --model kg/model",
    )
    parser.add_argument("--model", type=Path, default=MODEL_DIR, help="model folder (default: the shipped one)")
    parser.add_argument(
        "--data", type=Path, default=Path("../shared/data"), help="corpora folder (default: %(default)s)"
    )
    parser.add_argument(
        "--with-patterns", action="store_true", help="also run the entity ruler (default: the model alone)"
    )
    parser.add_argument(
        "--extraction",
        action="store_true",
        help="also score kg's extraction: the model's spans after kg's document-level steps",
    )
    parser.add_argument("--json", type=Path, help="also write the scores here")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"corpora folder {args.data} not found; evaluation needs ../shared/data", file=sys.stderr)
        return 2
    start = time.perf_counter()
    nlp = load_pipeline(model=args.model, patterns=args.with_patterns)
    nlp("预热")  # the first call builds lazily loaded tables; count it as loading
    load_seconds = time.perf_counter() - start
    splits = load_splits(args.data).eval
    results = evaluate_and_print(nlp, splits)
    if args.extraction:
        print("\nkg's extraction (each text one article; micro P/R/F1, the model alone in brackets):")
        print("| split | P | R | F1 |\n|---|---|---|---|")
        results["extraction"] = {}
        for name, examples in splits.items():
            p, r, f = score_extraction(nlp, examples).prf()
            alone = results[name]["micro"]
            results["extraction"][name] = {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4)}
            print(f"| {name} | {p:.3f} ({alone['p']:.3f}) | {r:.3f} ({alone['r']:.3f}) | {f:.3f} ({alone['f']:.3f}) |")
    all_texts = [ex.text for exs in splits.values() for ex in exs]
    start = time.perf_counter()
    for _ in nlp.pipe(all_texts, batch_size=256):
        pass
    speed = sum(map(len, all_texts)) / (time.perf_counter() - start)
    print(
        f"\nall held-out text: {sum(map(len, all_texts)):,} characters at {speed:,.0f} characters/second (one process)"
    )
    print(f"model load: {load_seconds:.2f} s")
    if args.json:
        args.json.write_text(
            json.dumps({**results, "chars_per_s": round(speed), "load_s": round(load_seconds, 2)}, indent=2)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
