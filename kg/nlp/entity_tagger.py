"""A fast NER component: per-character BILUO tagging with constrained Viterbi decoding.

spaCy's transition-based ``ner`` costs about as much as the whole CNN when every
character is a token (about 30,000 tokens a second here), which alone would hold
kg under its speed target. Tagging each token with a softmax over BILUO tags and
decoding the best valid tag sequence keeps the same CNN features at a fraction
of the cost (see docs/MODEL_CARD.md for the measured comparison).
"""

from __future__ import annotations

from itertools import islice
from typing import Callable, Iterable, Optional

import numpy
from spacy.language import Language
from spacy.pipeline.tagger import DEFAULT_TAGGER_MODEL, Tagger
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_get_examples
from thinc.api import Model, SequenceCategoricalCrossentropy

# A token whose O-probability is above this is fixed as O before decoding, so the
# Viterbi search only runs over the short stretches that may hold entities.
_SURE_OUTSIDE = 0.98


def transition_mask(tags: tuple[str, ...]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Allowed BILUO transitions (prev x next), and allowed first and last tags."""
    n = len(tags)
    allowed = numpy.zeros((n, n), dtype=bool)
    parts = [tag.split("-", 1) if tag != "O" else ("O", "") for tag in tags]
    for i, (p_move, p_label) in enumerate(parts):
        for j, (n_move, n_label) in enumerate(parts):
            if p_move in ("B", "I"):
                allowed[i, j] = n_move in ("I", "L") and n_label == p_label
            else:
                allowed[i, j] = n_move in ("O", "B", "U")
    first = numpy.array([m in ("O", "B", "U") for m, _ in parts])
    last = numpy.array([m in ("O", "L", "U") for m, _ in parts])
    return allowed, first, last


def viterbi(log_probs: numpy.ndarray, allowed: numpy.ndarray, first: numpy.ndarray, last: numpy.ndarray) -> list[int]:
    """Best tag sequence under hard transition constraints (log_probs: n x tags)."""
    n = log_probs.shape[0]
    penalty = numpy.where(allowed, 0.0, -numpy.inf)
    score = numpy.where(first, log_probs[0], -numpy.inf)
    back = numpy.zeros((n, log_probs.shape[1]), dtype=numpy.int32)
    for i in range(1, n):
        cand = score[:, None] + penalty
        back[i] = cand.argmax(axis=0)
        score = cand[back[i], numpy.arange(cand.shape[1])] + log_probs[i]
    score = numpy.where(last, score, -numpy.inf)
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def decode_entities(probs: numpy.ndarray, tags: tuple[str, ...], masks) -> list[tuple[int, int, str]]:
    """Token spans (start, end, label) from one document's tag probabilities."""
    allowed, first, last = masks
    unsure = ~(probs[:, tags.index("O")] >= _SURE_OUTSIDE)
    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], unsure.view(numpy.int8), [0]))))
    log_probs = numpy.log(probs + 1e-9)
    spans: list[tuple[int, int, str]] = []
    for i, j in zip(edges[::2].tolist(), edges[1::2].tolist()):  # the stretches of unsure tokens
        best = log_probs[i:j].argmax(axis=1)
        # When each token's best tag already makes a valid sequence (the usual case), Viterbi would return it.
        if first[best[0]] and last[best[-1]] and allowed[best[:-1], best[1:]].all():
            path = best.tolist()
        else:
            path = viterbi(log_probs[i:j], allowed, first, last)
        start = None
        for k, tag_id in enumerate(path):
            move, _, label = tags[tag_id].partition("-")
            if move == "U":
                spans.append((i + k, i + k + 1, label))
            elif move == "B":
                start = i + k
            elif move == "L" and start is not None:
                spans.append((start, i + k + 1, label))
                start = None
    return spans


class EntityTagger(Tagger):
    """spaCy's Tagger, trained on the BILUO form of ``doc.ents`` and writing ``doc.ents``.

    Its model must output probabilities (``spacy.Tagger.v2`` with ``normalize = true``).
    """

    _masks: Optional[tuple] = None

    def predict(self, docs: Iterable[Doc]):
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc2f(0, len(self.labels)) for _ in docs]
        return [self.model.ops.to_numpy(s) for s in self.model.predict(docs)]

    def set_annotations(self, docs: Iterable[Doc], scores) -> None:
        if self._masks is None:
            self._masks = transition_mask(self.labels)
        for doc, probs in zip(docs, scores):
            if not len(doc):
                continue
            ents = []
            for start, end, label in decode_entities(probs, self.labels, self._masks):
                # The corpora have no line breaks, so the model may glue one to a name's edge.
                while start < end and doc[start].is_space:
                    start += 1
                while end > start and doc[end - 1].is_space:
                    end -= 1
                if start < end:
                    ents.append(Span(doc, start, end, label=label))
            doc.set_ents(ents, default="outside")

    def get_loss(self, examples: Iterable[Example], scores):
        loss_func = SequenceCategoricalCrossentropy(names=self.labels, normalize=False)
        # "-" marks tokens whose annotation is unknown (see kg.train.corpora).
        truths = [[tag if tag not in (None, "", "-") else None for tag in eg.get_aligned_ner()] for eg in examples]
        d_scores, loss = loss_func(scores, truths)
        return float(loss), d_scores

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None, labels=None) -> None:
        validate_get_examples(get_examples, "EntityTagger.initialize")
        ent_labels = set(labels or ())
        if not ent_labels:
            for eg in get_examples():
                ent_labels.update(ent.label_ for ent in eg.reference.ents)
        self.cfg["labels"] = ["O"] + [f"{m}-{lab}" for lab in sorted(ent_labels) for m in "BILU"]
        self._masks = None
        sample = [eg.x for eg in islice(get_examples(), 10)]
        self.model.initialize(X=sample, Y=[self.model.ops.alloc2f(len(d), len(self.labels)) for d in sample])


@Language.factory(
    "kg_entity_tagger",
    assigns=["doc.ents"],
    default_config={"model": DEFAULT_TAGGER_MODEL, "scorer": {"@scorers": "spacy.ner_scorer.v1"}},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_entity_tagger(nlp: Language, name: str, model: Model, scorer: Optional[Callable]) -> EntityTagger:
    return EntityTagger(nlp.vocab, model, name=name, overwrite=True, scorer=scorer)
