"""The training command runs end to end on a tiny slice of the shared corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.skipif(
    not (SHARED_DATA / "peoples_daily").is_dir(),
    reason=f"training corpora not found at {SHARED_DATA} (they live beside the project, never in it)",
)


def test_train_corpora_map_labels_and_keep_splits_apart():
    from kg.train.corpora import load_splits

    splits = load_splits(SHARED_DATA)
    assert len(splits.eval["peoples_daily"]) == 1000
    held_out = {ex.text for exs in splits.eval.values() for ex in exs}
    assert not held_out & {ex.text for ex in splits.train + splits.dev}
    labels = {label for ex in splits.train for *_, label in ex.spans}
    assert {"PERSON", "ORG", "GPE", "LOC", "PRODUCT"} <= labels


def test_train_command_trains_a_few_steps(tmp_path: Path):
    from kg.train.__main__ import main

    assert main(["--workdir", str(tmp_path), "--max-steps", "4", "--limit", "40"]) == 0
    scores = json.loads((tmp_path / "scores.json").read_text())
    assert set(scores) >= {"peoples_daily", "weibo", "cluener"}
    # by default the model is told each text's corpus, and is also scored reading each split that way
    assert set(scores["own_conventions"]) == {"peoples_daily", "weibo", "cluener"}
    assert (tmp_path / "model" / "model-best" / "ner").is_dir()


def test_names_usually_marked_become_unknown_where_a_corpus_left_them_plain():
    from kg.train.corpora import Example, mark_unannotated, name_like

    examples = [
        Example("中国队获胜", [(0, 2, "GPE")]),
        Example("他去了中国", [(3, 5, "GPE")]),
        Example("中国很大", []),  # left plain, as CLUENER often does
        Example("公司在北京", [(3, 5, "GPE")]),
        Example("北京北京北京", []),  # marked once in four: not name-like
    ]
    names = name_like(examples)
    assert names == {"中国"}
    marked = mark_unannotated(examples, names)
    assert marked[2].missing == [(0, 2)]
    assert marked[0].missing == [] and marked[1].missing == []  # annotated ones stay as they are
    assert examples[2].missing == []  # the input is not changed


def test_entity_swap_keeps_unknown_stretches(tmp_path: Path):
    import spacy
    from spacy.training import Example as SpacyExample

    import kg.nlp  # noqa: F401
    from kg.train.augment import create_entity_swap

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.zh_char_tokenizer.v1"}}})
    pool = tmp_path / "pool.json"
    pool.write_text(json.dumps({"PERSON": ["欧阳娜娜"]}, ensure_ascii=False), encoding="utf-8")
    augment = create_entity_swap(str(pool), probability=1.0)
    ref = nlp.make_doc("张三在中国开会")
    ref.set_ents([ref.char_span(0, 2, label="PERSON")], missing=[ref.char_span(3, 5)], default="outside")
    swapped = [eg.reference for eg in augment(nlp, SpacyExample(nlp.make_doc(ref.text), ref))][1:]
    assert swapped, "with probability 1 a swapped copy is always made"
    for doc in swapped:
        assert [e.label_ for e in doc.ents] == ["PERSON"]
        unknown = "".join(t.text for t in doc if t.ent_iob == 0)
        assert unknown == "中国"
        assert doc.text.endswith("在中国开会")


def test_train_command_pretrains_the_cnn_first(tmp_path: Path):
    from kg.train.__main__ import main

    assert main(["--workdir", str(tmp_path), "--max-steps", "2", "--limit", "40", "--pretrain-epochs", "1"]) == 0
    weights = tmp_path / "pretrain" / "model-last.bin"
    assert weights.stat().st_size > 100_000  # the CNN's weights, not an empty file
    raw = (tmp_path / "pretrain" / "raw.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(raw) == 40
    config = (tmp_path / "model" / "model-best" / "config.cfg").read_text(encoding="utf-8")
    assert f'init_tok2vec = "{weights}"' in config  # training started from those weights


def test_corpus_conventions_reach_the_model(tmp_path: Path):
    import numpy
    import spacy

    import kg.nlp  # noqa: F401
    from kg.nlp.components import CONVENTION, char_ngram_embed
    from kg.train.augment import create_entity_swap
    from kg.train.corpora import Example, convention_corpus, to_docbin

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.zh_char_tokenizer.v1"}}})
    examples = [
        Example("张三在北京开会", [(0, 2, "PERSON"), (3, 5, "GPE")], source="peoples_daily"),
        Example("李四去上海市浦东新区出差", [(0, 2, "PERSON"), (3, 10, "GPE")], source="cluener"),
    ]
    to_docbin(examples, nlp).to_disk(tmp_path / "train.spacy")
    pool = tmp_path / "pool.json"
    pool.write_text(json.dumps({"PERSON": ["王五", "赵六"], "GPE": ["广州", "天津"]}, ensure_ascii=False))
    read = convention_corpus(tmp_path / "train.spacy", augmenter=create_entity_swap(str(pool), probability=1.0))
    tags = [(eg.predicted.text[-2:], eg.predicted.user_data.get(CONVENTION)) for eg in read(nlp)]
    # Each text as written and a name-swapped copy, both tagged like their corpus.
    assert sorted(tags, key=str) == sorted([("开会", None)] * 2 + [("出差", "cluener")] * 2, key=str)

    plain, tagged = nlp.make_doc("他在上海市浦东新区"), nlp.make_doc("他在上海市浦东新区")
    tagged.user_data[CONVENTION] = "cluener"
    for conventions in (True, False):
        embed = char_ngram_embed(32, 100, 100, bigrams=True, conventions=conventions)
        embed.initialize(X=[plain])
        a, b = embed.predict([plain, tagged])
        assert numpy.allclose(a, b) != conventions  # the tag is read only when asked


def test_silver_text_is_labelled_by_the_teachers_ensemble(tmp_path: Path, capsys):
    from kg.nlp.extract import MODEL_DIR
    from kg.train.__main__ import main
    from kg.train.corpora import convention
    from kg.train.pretrain import sighan_texts
    from kg.train.teachers import label_texts

    held_out = sighan_texts(SHARED_DATA, set())[:3]
    texts = sighan_texts(SHARED_DATA, set(held_out))
    assert texts and not set(held_out) & set(texts)
    sample = ["国家主席习近平在北京会见了俄罗斯总统普京。", texts[0]]
    one = label_texts(sample, [MODEL_DIR])
    assert label_texts(sample, [MODEL_DIR, MODEL_DIR]) == one  # the mean of equal teachers
    names = {(sample[0][s:e], label) for s, e, label in one[0].spans}
    assert {("习近平", "PERSON"), ("普京", "PERSON")} <= names
    assert all(ex.source == "silver" for ex in one) and convention("silver") == ""  # read as kg reads news

    args = ["--workdir", str(tmp_path), "--max-steps", "2", "--limit", "20", "--silver-teachers", str(MODEL_DIR)]
    assert main(args) == 0
    assert "silver: 20 texts" in capsys.readouterr().out


def test_train_command_distils_from_teachers(tmp_path: Path, capsys):
    from spacy.tokens import DocBin

    import kg.nlp  # noqa: F401
    from kg.nlp.entity_tagger import TEACHER
    from kg.nlp.extract import MODEL_DIR, load_pipeline
    from kg.train.__main__ import main

    args = ["--workdir", str(tmp_path), "--max-steps", "2", "--limit", "20", "--distill-teachers", str(MODEL_DIR)]
    assert main(args) == 0
    assert "distilling from 40 texts' tag probabilities, 20 of them not annotated" in capsys.readouterr().out
    nlp = load_pipeline(model=tmp_path / "model" / "model-best", patterns=False)
    assert nlp.get_pipe("ner").distill == 0.5
    docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab))
    for doc in docs:
        tags, probs = doc.user_data[TEACHER]
        assert set(tags) >= set(nlp.get_pipe("ner").labels)
        assert len(probs) == len(doc) * len(tags) * 2  # float16 per token and tag
    raw = [doc for doc in docs if all(tok.ent_iob == 0 for tok in doc)]
    assert len(raw) == 20  # the SIGHAN texts: unknown tags, the teachers' alone


def test_texts_of_other_conventions_are_read_again_with_news_rules():
    from kg.train.corpora import Example
    from kg.train.teachers import other_convention_texts

    examples = [
        Example("人民日报的句子", [], source="peoples_daily"),
        Example("微博的帖子", [], source="weibo"),
        Example("微博的帖子", [], source="weibo"),  # Weibo is repeated in training: once here
        Example("CLUENER的新闻", [], source="cluener"),
        Example("没有标注的文本", [], source="silver"),
    ]
    assert other_convention_texts(examples) == ["微博的帖子", "CLUENER的新闻"]


def test_extraction_is_scored_against_the_gold_spans():
    from kg.ingest import Document
    from kg.nlp.extract import extract_documents, load_pipeline
    from kg.train.corpora import Example
    from kg.train.evaluate import score_extraction

    nlp = load_pipeline(patterns=False)
    # a headline's two phrases: the model reads them without the space, kg cuts there
    texts = ["皇马逆转拜仁 姆巴佩梅开二度", "俄罗斯总统普京当天会见了到访的美国总统拜登。"]
    found = [
        [(m.start, m.end, m.label) for m in ex.mentions]
        for ex in extract_documents([Document(id=str(i), path=f"{i}.txt", text=t) for i, t in enumerate(texts)], nlp)
    ]
    assert all(" " not in texts[0][s:e] for s, e, _ in found[0])
    # gold: what kg found, less its first span of the second text, plus one span it did not find
    examples = [Example(texts[0], found[0]), Example(texts[1], found[1][1:] + [(0, 2, "GPE")])]
    score = score_extraction(nlp, examples)
    tp, fp, fn = (sum(c.values()) for c in (score.tp, score.fp, score.fn))
    assert (tp, fp, fn) == (len(found[0]) + len(found[1]) - 1, 1, 1)
