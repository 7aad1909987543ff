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

from kg.nlp.entity_tagger import TEACHER


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
        # Names are swapped; stretches of unknown annotation are copied as they are.
        regions = [(ent.start_char, ent.end_char, ent.label_) for ent in ref.ents]
        regions += [(tok.idx, tok.idx + len(tok), None) for tok in ref if tok.ent_iob == 0]
        text, ents, missing, pos = "", [], [], 0
        for start, end, label in sorted(regions):
            text += ref.text[pos:start]
            names = pool.get(label) if label else None
            surface = rng.choice(names) if names and rng.random() < 0.7 else ref.text[start:end]
            (ents if label else missing).append((len(text), len(text) + len(surface), label))
            text += surface
            pos = end
        text += ref.text[pos:]
        doc = nlp.make_doc(text)
        ent_spans = [doc.char_span(s, e, label=label) for s, e, label in ents]
        missing_spans = [doc.char_span(s, e) for s, e, _ in missing]
        if any(span is None for span in ent_spans + missing_spans):
            return
        doc.set_ents(ent_spans, missing=missing_spans, default="outside")
        # the corpus convention goes with the copy; a teacher's tag probabilities (for the
        # original text) do not
        doc.user_data.update({key: value for key, value in ref.user_data.items() if key != TEACHER})
        yield Example(nlp.make_doc(text), doc)

    return augment
