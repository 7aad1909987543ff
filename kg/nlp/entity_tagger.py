"""A fast NER component: per-character BILUO tagging with constrained Viterbi decoding.

spaCy's transition-based ``ner`` costs about as much as the whole CNN when every
character is a token (about 30,000 tokens a second here), which alone would hold
kg under its speed target. Tagging each token with a softmax over BILUO tags and
decoding the best valid tag sequence keeps the same CNN features at a fraction
of the cost (see docs/MODEL_CARD.md for the measured comparison). Training can
still score whole tag sequences: the default loss is a CRF over the valid ones.
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


def _log_partition(emissions: numpy.ndarray, lengths: numpy.ndarray, masks) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Forward-backward over a padded batch (docs x tokens x tags) of emission scores:
    log Z of each doc and each token's log marginal, over the paths that ``masks`` allow."""
    allowed, first, last = (m.astype(emissions.dtype) for m in masks)
    n_docs, n_tokens, _ = emissions.shape
    with numpy.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_first, log_last = numpy.log(first), numpy.log(last)

        def step(scores: numpy.ndarray, matrix: numpy.ndarray) -> numpy.ndarray:
            top = scores.max(axis=1, keepdims=True)
            top = numpy.where(numpy.isfinite(top), top, 0.0)
            return numpy.log(numpy.exp(scores - top) @ matrix) + top

        alphas = numpy.empty_like(emissions)
        alpha = emissions[:, 0] + log_first
        alphas[:, 0] = alpha
        for t in range(1, n_tokens):
            alpha = numpy.where((t < lengths)[:, None], step(alpha, allowed) + emissions[:, t], alpha)
            alphas[:, t] = alpha
        end = alpha + log_last
        log_z = numpy.log(numpy.exp(end - end.max(axis=1, keepdims=True)).sum(axis=1)) + end.max(axis=1)
        betas = numpy.empty_like(emissions)
        beta = numpy.broadcast_to(log_last, (n_docs, len(log_last)))
        betas[:, -1] = beta
        for t in range(n_tokens - 2, -1, -1):
            beta = numpy.where((t + 1 < lengths)[:, None], step(beta + emissions[:, t + 1], allowed.T), log_last)
            betas[:, t] = beta
        log_marginals = alphas + betas - log_z[:, None, None]
    return log_z, log_marginals


def crf_loss(
    log_probs: list[numpy.ndarray], truths: list[list[Optional[int]]], masks
) -> tuple[float, list[numpy.ndarray]]:
    """Negative log-likelihood of the gold tag paths under a linear-chain CRF whose only
    transitions are the BILUO rules, and its gradient with respect to the tag scores.

    Tokens with an unknown tag (None) are summed over: the likelihood is that of all
    valid paths through the known tags.
    """
    lengths = numpy.array([len(lp) for lp in log_probs])
    n_tags = masks[0].shape[0]
    emissions = numpy.zeros((len(log_probs), max(lengths.max(initial=0), 1), n_tags), dtype="float64")
    clamp = numpy.zeros_like(emissions)
    for i, (lp, truth) in enumerate(zip(log_probs, truths)):
        emissions[i, : len(lp)] = lp
        for t, tag in enumerate(truth):
            if tag is not None:
                clamp[i, t] = -numpy.inf
                clamp[i, t, tag] = 0.0
    log_z, log_marg = _log_partition(emissions, lengths, masks)
    gold_z, gold_marg = _log_partition(emissions + clamp, lengths, masks)
    # A gold path the BILUO rules forbid (a misaligned span) teaches nothing.
    usable = numpy.isfinite(gold_z) & numpy.isfinite(log_z) & (lengths > 0)
    d_scores = numpy.nan_to_num(numpy.exp(log_marg) - numpy.exp(gold_marg))
    d_scores[~usable] = 0.0
    loss = float((log_z - gold_z)[usable].sum())
    return loss, [d_scores[i, :n].astype("float32") for i, n in enumerate(lengths.tolist())]


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
    ``loss="softmax"`` trains each token's tag on its own (cross-entropy); ``loss="crf"``
    trains whole tag paths (a linear-chain CRF restricted to the BILUO rules), so a
    name's edges are learnt together with its middle. Decoding is the same for both.
    """

    _masks: Optional[tuple] = None

    def __init__(self, *args, loss: str = "crf", **kwargs):
        if loss not in ("softmax", "crf"):
            raise ValueError(f"kg_entity_tagger: loss must be 'softmax' or 'crf', not {loss!r}")
        super().__init__(*args, **kwargs)
        self.loss = loss

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
        # "-" marks tokens whose annotation is unknown (see kg.train.corpora).
        truths = [[tag if tag not in (None, "", "-") else None for tag in eg.get_aligned_ner()] for eg in examples]
        if self.loss == "crf":
            if self._masks is None:
                self._masks = transition_mask(self.labels)
            index = {tag: i for i, tag in enumerate(self.labels)}
            ids = [[index.get(tag) if tag is not None else None for tag in truth] for truth in truths]
            log_probs = [numpy.log(self.model.ops.to_numpy(s) + 1e-9) for s in scores]
            loss, d_scores = crf_loss(log_probs, ids, self._masks)
            # The model's softmax layer takes this as the gradient of its logits.
            return loss, [self.model.ops.asarray2f(d) for d in d_scores]
        loss_func = SequenceCategoricalCrossentropy(names=self.labels, normalize=False)
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
    default_config={
        "model": {**DEFAULT_TAGGER_MODEL, "normalize": True},
        "scorer": {"@scorers": "spacy.ner_scorer.v1"},
        "loss": "crf",
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_entity_tagger(nlp: Language, name: str, model: Model, scorer: Optional[Callable], loss: str) -> EntityTagger:
    return EntityTagger(nlp.vocab, model, name=name, overwrite=True, scorer=scorer, loss=loss)
