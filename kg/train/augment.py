"""Mention-replacement augmentation for NER training (a spaCy augmenter).

Each training sentence is seen as written and, with some probability, once more with
its entities swapped for other names of the same type from the training data. The
model then cannot lean on memorised names and must read the context, which is what
unseen news needs.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Callable, Iterator

from spacy.language import Language
from spacy.training import Example
from spacy.util import registry


def entity_pool(examples) -> dict[str, list[str]]:
    """Every distinct entity surface of the training examples, by label."""
    pool: dict[str, set[str]] = {}
    for ex in examples:
        for start, end, label in ex.spans:
            pool.setdefault(label, set()).add(ex.text[start:end])
    return {label: sorted(names) for label, names in pool.items()}


@registry.augmenters("kg.entity_swap.v1")
def create_entity_swap(
    pool_path: str, probability: float, seed: int = 0
) -> Callable[[Language, Example], Iterator[Example]]:
    pool = json.loads(Path(pool_path).read_text(encoding="utf-8"))
    rng = random.Random(seed)

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield example
        ref = example.reference
        if not ref.ents or rng.random() >= probability:
            return
        if any(token.ent_iob == 0 for token in ref):  # unknown annotation: nothing safe to swap
            return
        text, spans, pos = "", [], 0
        for ent in ref.ents:
            text += ref.text[pos : ent.start_char]
            names = pool.get(ent.label_)
            surface = rng.choice(names) if names and rng.random() < 0.7 else ent.text
            spans.append((len(text), len(text) + len(surface), ent.label_))
            text += surface
            pos = ent.end_char
        text += ref.text[pos:]
        doc = nlp.make_doc(text)
        ents = [doc.char_span(s, e, label=label) for s, e, label in spans]
        if any(span is None for span in ents):
            return
        doc.set_ents(ents, default="outside")
        yield Example(nlp.make_doc(text), doc)

    return augment
