"""Train kg's NER pipeline from ../shared/data and (optionally) install it into the package.

    python -m kg.train --install

converts the corpora to DocBin files, trains with kg/train/config.cfg, scores the
best checkpoint on the fixed held-out splits and copies it to kg/model/.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from thinc.api import use_ops

import kg
import kg.nlp  # noqa: F401  (registers kg's tokenizer and layers)
from kg.nlp.extract import load_pipeline
from kg.nlp.ops import BACKEND
from kg.train.augment import entity_pool
from kg.train.corpora import Example, load_splits, to_docbin
from kg.train.evaluate import evaluate_and_print
from kg.train.pretrain import pretrain_tok2vec, raw_texts, sighan_texts
from kg.train.segmenter import train_pkuseg, word_design_overrides
from kg.train.teachers import label_texts, other_convention_texts, teacher_marginals

HERE = Path(__file__).parent
CONFIG = HERE / "config.cfg"
PACKAGE_MODEL = HERE.parent / "model"
DEFAULT_DATA = Path("../shared/data")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m kg.train",
        description="Train, evaluate and (with --install) ship kg's Chinese NER model.",
        epilog="example: python -m kg.train --install",
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="the shared corpora folder (default: %(default)s)"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path("training-runs/main"),
        help="DocBins, checkpoints and scores go here (default: %(default)s)",
    )
    parser.add_argument(
        "--design",
        choices=["char", "bigram", "lexicon", "words"],
        default="lexicon",
        help="one token per character with features: char (A), char+bigrams (B), char+bigrams+dictionary "
        "words (C, default); or words: pkuseg words as tokens (W; trains a pkuseg model from SIGHAN 2005 first, "
        "needs spacy-pkuseg)",
    )
    parser.add_argument("--epochs", type=int, default=None, help="override training.max_epochs")
    parser.add_argument(
        "--max-steps", type=int, default=None, help="override training.max_steps (a smoke test uses a handful)"
    )
    parser.add_argument("--limit", type=int, default=0, help="use only the first N training and dev sentences (0: all)")
    parser.add_argument(
        "--sources",
        default="peoples_daily,weibo,cluener",
        help="training corpora, comma-separated (default: %(default)s)",
    )
    parser.add_argument(
        "--pd-weight",
        type=int,
        default=3,
        help="repeat People's Daily training sentences this many times (default: %(default)s)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any other config override, e.g. --set components.tok2vec.model.encode.window_size=2",
    )
    parser.add_argument(
        "--swap",
        type=float,
        default=0.3,
        metavar="P",
        help="also train on a copy of each sentence with its names swapped, with probability P (default: %(default)s)",
    )
    parser.add_argument(
        "--weibo-weight", type=int, default=2, help="repeat Weibo training posts this many times (default: %(default)s)"
    )
    parser.add_argument(
        "--unknown-names",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="in Weibo and CLUENER, treat unannotated occurrences of names the corpora usually mark as unknown, "
        "not as 'no entity' (default: %(default)s)",
    )
    parser.add_argument(
        "--conventions",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="tell the model which corpus each training text comes from, so their different annotation "
        "conventions do not contradict each other; kg reads news with People's Daily's (default: %(default)s)",
    )
    parser.add_argument(
        "--pretrain-epochs",
        type=int,
        default=0,
        metavar="N",
        help="first pretrain the CNN on raw text for N epochs (spacy pretrain; 0: no pretraining, the default)",
    )
    teachers = parser.add_mutually_exclusive_group()
    teachers.add_argument(
        "--silver-teachers",
        default="",
        metavar="DIR[,DIR...]",
        help="self-training: label the SIGHAN 2005 test texts with these trained models (their mean tag "
        "scores) and train on them too (default: none)",
    )
    teachers.add_argument(
        "--distill-teachers",
        default="",
        metavar="DIR[,DIR...]",
        help="distillation: train towards these trained models' tag probabilities (their mean) on every "
        "training text, mixed with the gold tags (--distill-weight), and on the SIGHAN 2005 test texts "
        "(default: none)",
    )
    parser.add_argument(
        "--silver-weight", type=int, default=1, help="repeat the silver texts this many times (default: %(default)s)"
    )
    parser.add_argument(
        "--distill-weight",
        type=float,
        default=0.5,
        metavar="W",
        help="share of the teachers' tag probabilities in the target of annotated texts (default: %(default)s)",
    )
    parser.add_argument(
        "--distill-news-rules",
        action="store_true",
        help="with --distill-teachers, also train towards the teachers' reading of every Weibo and CLUENER "
        "training text with People's Daily's rules, as kg reads news (default: off)",
    )
    parser.add_argument("--install", action="store_true", help="copy the best model into kg/model/")
    return parser.parse_args(argv)


def install(best: Path, target: Path) -> None:
    """Copy a trained pipeline into the package, with a meta.json that says what it is
    and a config that no longer points at this machine's training files."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="kg_zh_news_ner",
        version=kg.__version__,
        description="kg's Chinese news NER: character CNN with dictionary-word features, BILUO tagger",
        license="research use (training corpora); see docs/MODEL_CARD.md",
        sources=[
            {"name": "People's Daily 1998 NER", "url": "https://github.com/zjy-ucas/ChineseNER"},
            {"name": "Weibo NER", "author": "Peng and Dredze 2015"},
            {"name": "CLUENER2020", "author": "Xu et al. 2020, CLUEbenchmark"},
            {"name": "jieba dictionary (word features)", "license": "MIT"},
        ],
    )
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    config_path = target / "config.cfg"
    config = config_path.read_text(encoding="utf-8")
    config = re.sub(r'^(train|dev|init_tok2vec|raw_text) = ".*"$', r"\1 = null", config, flags=re.M)
    config = re.sub(r'^pool_path = ".*"$', 'pool_path = ""', config, flags=re.M)
    config_path.write_text(config, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.data.is_dir():
        print(
            f"kg.train: corpora folder {args.data} not found; it is read, never copied, from ../shared/data",
            file=sys.stderr,
        )
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    splits = load_splits(
        args.data,
        peoples_daily_weight=args.pd_weight,
        sources=tuple(args.sources.split(",")),
        weibo_weight=args.weibo_weight,
        unknown_names=args.unknown_names,
    )
    train, dev = splits.train, splits.dev
    if args.limit:
        train, dev = train[: args.limit], dev[: max(1, args.limit // 5)]
    teacher = None
    if args.silver_teachers or args.distill_teachers:
        # raw news text, never a held-out or checkpoint-selection sentence
        exclude = {ex.text for exs in (*splits.eval.values(), splits.dev) for ex in exs}
        raw = sighan_texts(args.data, exclude, max_length=500)[: args.limit or None]
        if args.silver_teachers:
            silver = label_texts(raw, [Path(p) for p in args.silver_teachers.split(",")])
            print(f"silver: {len(silver):,} texts, {sum(len(ex.spans) for ex in silver):,} names")
            train = train + silver * args.silver_weight
        else:
            if args.distill_news_rules:
                raw += other_convention_texts(train)
            train = train + [Example(text, [], [(0, len(text))], "silver") for text in raw]
            teacher = teacher_marginals(train, [Path(p) for p in args.distill_teachers.split(",")])
            print(f"distilling from {len(teacher[1]):,} texts' tag probabilities, {len(raw):,} of them not annotated")
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(CONFIG), auto_fill=True)
    to_docbin(train, nlp, teacher).to_disk(args.workdir / "train.spacy")
    to_docbin(dev, nlp).to_disk(args.workdir / "dev.spacy")

    overrides = {"paths.train": str(args.workdir / "train.spacy"), "paths.dev": str(args.workdir / "dev.spacy")}
    settings = {key: json.loads(value) for key, _, value in (item.partition("=") for item in args.set)}
    if args.design == "words":
        width = settings.get(
            "components.tok2vec.model.encode.width", nlp.config["components"]["tok2vec"]["model"]["encode"]["width"]
        )
        overrides.update(word_design_overrides(train_pkuseg(args.data, args.workdir), width))
    else:
        overrides["components.tok2vec.model.embed.bigrams"] = args.design != "char"
        overrides["components.tok2vec.model.embed.lexicon"] = args.design == "lexicon"
        overrides["components.tok2vec.model.embed.conventions"] = args.conventions
    if args.swap > 0:
        pool_path = args.workdir / "entity_pool.json"
        pool_path.write_text(json.dumps(entity_pool(train), ensure_ascii=False))
        overrides["corpora.train.augmenter"] = {
            "@augmenters": "kg.entity_swap.v1",
            "pool_path": str(pool_path),
            "probability": args.swap,
        }
    if teacher:
        overrides["components.ner.distill"] = args.distill_weight
    overrides.update(settings)
    if args.epochs is not None:
        overrides["training.max_epochs"] = args.epochs
    if args.max_steps is not None:
        overrides["training.max_steps"] = args.max_steps
        overrides["training.eval_frequency"] = max(1, min(args.max_steps, 500))
    started = time.perf_counter()
    if args.pretrain_epochs > 0:
        held_out_texts = {ex.text for exs in splits.eval.values() for ex in exs}
        texts = raw_texts(args.data, (ex.text for ex in train), held_out_texts | {ex.text for ex in dev})
        if args.limit:
            texts = texts[: args.limit]
        overrides["paths.init_tok2vec"] = str(
            pretrain_tok2vec(CONFIG, texts, args.workdir / "pretrain", args.pretrain_epochs, overrides)
        )
    with use_ops(BACKEND):
        spacy_train(CONFIG, args.workdir / "model", overrides=overrides, use_gpu=-1)
    minutes = (time.perf_counter() - started) / 60

    best = args.workdir / "model" / "model-best"
    model = load_pipeline(model=best, patterns=False)
    held_out = splits.eval
    if args.limit:
        held_out = {k: v[: args.limit] for k, v in held_out.items()}
    results = evaluate_and_print(model, held_out)
    results["training_minutes"] = round(minutes, 1)
    (args.workdir / "scores.json").write_text(json.dumps(results, indent=2))
    print(f"training took {minutes:.1f} min")
    if args.install:
        install(best, PACKAGE_MODEL)
        print(f"installed {best} -> {PACKAGE_MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
