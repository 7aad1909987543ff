"""Pretrain the CNN on raw text before NER training (``spacy pretrain``, cloze objective).

Each step hides some characters and asks the CNN to predict them (their UTF-8 bytes)
from the characters around them, so its weights start from what raw news text says
about context rather than from random. The raw text is every training sentence plus
the running text of the SIGHAN 2005 segmentation test sets, never a held-out sentence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from spacy.training.pretrain import pretrain
from spacy.util import load_config
from thinc.api import use_ops

from kg.nlp.ops import BACKEND

SIGHAN_TEXTS = ("pku_test_gold.utf8", "msr_test_gold.utf8")


def sighan_texts(data_dir: Path, exclude: set[str], max_length: int = 0) -> list[str]:
    """The running text of the SIGHAN 2005 test sets (spaces between words removed),
    distinct lines of at most ``max_length`` characters (0: any), less any in ``exclude``."""
    texts: dict[str, None] = {}
    for name in SIGHAN_TEXTS:
        path = data_dir / "sighan2005" / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                text = "".join(line.split())
                if text and (not max_length or len(text) <= max_length) and text not in exclude:
                    texts.setdefault(text)
    return list(texts)


def raw_texts(data_dir: Path, training_texts: Iterable[str], held_out: set[str]) -> list[str]:
    """Distinct training sentences and SIGHAN 2005 test sentences, less any held-out sentence."""
    texts = dict.fromkeys(training_texts)
    texts.update(dict.fromkeys(sighan_texts(data_dir, set())))
    return [t for t in texts if t and t not in held_out]


def pretrain_tok2vec(config_path: Path, texts: list[str], workdir: Path, epochs: int, overrides: dict) -> Path:
    """Run ``spacy pretrain`` for ``epochs`` passes over ``texts``; return the weights file
    to pass as ``paths.init_tok2vec``."""
    workdir.mkdir(parents=True, exist_ok=True)
    raw = workdir / "raw.jsonl"
    with raw.open("w", encoding="utf-8") as fh:
        for text in texts:
            fh.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    config = load_config(
        config_path,
        overrides={**overrides, "paths.raw_text": str(raw), "pretraining.max_epochs": epochs},
        interpolate=True,
    )
    with use_ops(BACKEND):
        pretrain(config, workdir, silent=False)
    return workdir / "model-last.bin"
