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

# A training document's teacher tag probabilities, under this user_data key: (tags, float16 bytes).
TEACHER = "kg_teacher"


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
    log_probs: list[numpy.ndarray],
    truths: list[list[Optional[int]]],
    masks,
    teachers: Optional[list[Optional[numpy.ndarray]]] = None,
    weight: float = 0.0,
) -> tuple[float, list[numpy.ndarray]]:
    """Negative log-likelihood of the gold tag paths under a linear-chain CRF whose only
    transitions are the BILUO rules, and its gradient with respect to the tag scores.

    Tokens with an unknown tag (None) are summed over: the likelihood is that of all
    valid paths through the known tags.

    ``teachers``: per document, None or a teacher's tag probabilities (tokens x tags).
    The gradient then moves the model's tag marginals towards ``weight`` x the teacher's
    plus (1 - ``weight``) x the gold path's; towards the teacher's alone where no tag is
    known. The loss returned stays the gold paths' (it is only reported).
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
    target = numpy.exp(gold_marg)
    for i, teacher in enumerate(teachers or ()):
        if teacher is not None and len(teacher) == lengths[i] and numpy.isfinite(log_z[i]):
            share = weight if any(tag is not None for tag in truths[i]) else 1.0
            target[i, : lengths[i]] = (1 - share) * target[i, : lengths[i]] + share * teacher
            usable[i] = usable[i] or share == 1.0
    d_scores = numpy.nan_to_num(numpy.exp(log_marg) - target)
    d_scores[~usable] = 0.0
    loss = float((log_z - gold_z)[usable].sum())
    return loss, [d_scores[i, :n].astype("float32") for i, n in enumerate(lengths.tolist())]


# Documents are decoded together in groups of at most this many (padded) tokens, so
# one long document in a batch of short ones does not make every one as long.
_DECODE_CELLS = 1 << 18


def decode_batch(scores: list[numpy.ndarray], tags: tuple[str, ...]) -> list[list[tuple[int, int, str]]]:
    """Each document's best valid BILUO path, as token spans (start, end, label).
    ``scores``: per document, tokens x tags probabilities (a path's score is the sum of
    their logarithms). Documents of similar length are searched together."""
    groups: list[list[int]] = [[]]
    for d in sorted(range(len(scores)), key=lambda d: len(scores[d])):
        if groups[-1] and (len(groups[-1]) + 1) * (len(scores[d]) + 1) > _DECODE_CELLS:
            groups.append([])
        groups[-1].append(d)
    out: list[list[tuple[int, int, str]]] = [[] for _ in scores]
    for group in groups:
        for d, spans in zip(group, _viterbi_group([scores[d] for d in group], tags)):
            out[d] = spans
    return out


def _viterbi_group(scores: list[numpy.ndarray], tags: tuple[str, ...]) -> list[list[tuple[int, int, str]]]:
    """:func:`decode_batch` for one group: Viterbi over all its documents at once.

    Without transition weights the search has a simple form: O, B-x and U-x follow
    any name's end (or O); I-x and L-x follow B-x or I-x. So each step is a few
    vector operations on all documents together, not a tags x tags search per token.
    """
    o = tags.index("O")
    labels = sorted({tag[2:] for tag in tags if tag != "O"})
    at = {tag: i for i, tag in enumerate(tags)}
    b_, i_, l_, u_ = (numpy.array([at[f"{m}-{lab}"] for lab in labels]) for m in "BILU")
    outside = numpy.concatenate(([o], l_, u_))  # states a name may start after
    lengths = [len(s) for s in scores]
    n_docs, n_steps = len(scores), max(lengths, default=0) + 1
    # one padding step (and the padding of shorter documents) can only be O: every
    # path ends outside a name
    emit = numpy.full((n_docs, n_steps, len(tags)), -numpy.inf, dtype="float32")
    emit[:, :, o] = 0.0
    for d, s in enumerate(scores):
        emit[d, : len(s)] = numpy.log(s + 1e-9)
    score = numpy.full((n_docs, len(tags)), -numpy.inf, dtype="float32")
    score[:, o] = 0.0
    rows = numpy.arange(n_docs)
    back_out = numpy.zeros((n_steps, n_docs), dtype=numpy.int16)
    back_in = numpy.zeros((n_steps, n_docs, len(labels)), dtype=numpy.int16)
    for t in range(n_steps):
        best_out = outside[score[:, outside].argmax(axis=1)]
        from_out = score[rows, best_out][:, None]
        from_b = score[:, b_] >= score[:, i_]
        from_in = numpy.where(from_b, score[:, b_], score[:, i_])
        back_out[t] = best_out
        back_in[t] = numpy.where(from_b, b_, i_)
        new = numpy.empty_like(score)
        new[:, [o]] = from_out
        new[:, b_] = from_out
        new[:, u_] = from_out
        new[:, i_] = from_in
        new[:, l_] = from_in
        score = new + emit[:, t]
    # back from O at the padding step
    label_of = numpy.zeros(len(tags), dtype=numpy.int64)
    in_name = numpy.zeros(len(tags), dtype=bool)
    for k in range(len(labels)):
        label_of[[i_[k], l_[k]]] = k
        in_name[[i_[k], l_[k]]] = True
    paths = numpy.zeros((n_docs, n_steps), dtype=numpy.int64)
    state = numpy.full(n_docs, o)
    for t in range(n_steps - 1, 0, -1):
        state = numpy.where(in_name[state], back_in[t][rows, label_of[state]], back_out[t])
        paths[:, t - 1] = state
    out = []
    for d, n in enumerate(lengths):
        spans, start = [], 0
        for k in numpy.flatnonzero(paths[d, :n] != o).tolist():
            move, _, label = tags[paths[d, k]].partition("-")
            if move in ("B", "U"):
                start = k
            if move in ("L", "U"):
                spans.append((start, k + 1, label))
        out.append(spans)
    return out


class EntityTagger(Tagger):
    """spaCy's Tagger, trained on the BILUO form of ``doc.ents`` and writing ``doc.ents``.

    Its model must output probabilities (``spacy.Tagger.v2`` with ``normalize = true``).
    ``loss="softmax"`` trains each token's tag on its own (cross-entropy); ``loss="crf"``
    trains whole tag paths (a linear-chain CRF restricted to the BILUO rules), so a
    name's edges are learnt together with its middle. Decoding is the same for both.
    ``distill``: with the CRF loss, the share of a teacher's tag probabilities in the
    target of training documents that carry them (``user_data[TEACHER]``, see
    ``kg.train.teachers``).
    """

    _masks: Optional[tuple] = None

    def __init__(self, *args, loss: str = "crf", distill: float = 0.0, **kwargs):
        if loss not in ("softmax", "crf"):
            raise ValueError(f"kg_entity_tagger: loss must be 'softmax' or 'crf', not {loss!r}")
        super().__init__(*args, **kwargs)
        self.loss = loss
        self.distill = distill

    def _teacher(self, eg: Example) -> Optional[numpy.ndarray]:
        found = eg.reference.user_data.get(TEACHER)
        if found is None:
            return None
        tags, probs = found
        missing = set(self.labels) - set(tags)
        if missing:
            raise ValueError(f"the teacher has no tags {sorted(missing)}")
        # in this tagger's order; tags it does not have (a label missing from a small
        # training slice) are left out
        probs = numpy.frombuffer(probs, dtype=numpy.float16).reshape(-1, len(tags)).astype("float64")
        probs = probs[:, [tags.index(tag) for tag in self.labels]]
        return probs / numpy.maximum(probs.sum(axis=1, keepdims=True), 1e-9)

    def predict(self, docs: Iterable[Doc]):
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc2f(0, len(self.labels)) for _ in docs]
        return [self.model.ops.to_numpy(s) for s in self.model.predict(docs)]

    def set_annotations(self, docs: Iterable[Doc], scores) -> None:
        docs = list(docs)
        for doc, spans in zip(docs, decode_batch(list(scores), tuple(self.labels))):
            if not len(doc):
                continue
            ents = []
            for start, end, label in spans:
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
            teachers = [self._teacher(eg) for eg in examples]
            loss, d_scores = crf_loss(log_probs, ids, self._masks, teachers, self.distill)
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
        "distill": 0.0,
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_entity_tagger(
    nlp: Language, name: str, model: Model, scorer: Optional[Callable], loss: str, distill: float
) -> EntityTagger:
    return EntityTagger(nlp.vocab, model, name=name, overwrite=True, scorer=scorer, loss=loss, distill=distill)
