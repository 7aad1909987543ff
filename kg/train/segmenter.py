"""Design W of the model card: pkuseg words as tokens instead of single characters.

spaCy's ``pkuseg`` segmenter needs a model file that cannot be downloaded here, so
one is trained from the SIGHAN 2005 MSR gold segmentation (MSR keeps names whole,
as NER needs). Needs the optional ``spacy-pkuseg`` package (``pip install 'kg[pkuseg]'``).
The shipped model does not use it: see docs/MODEL_CARD.md for the comparison.
"""

from __future__ import annotations

from pathlib import Path

MSR_GOLD = Path("sighan2005") / "msr_test_gold.utf8"
HELD_OUT_LINES = 485  # the last lines score the segmenter; the rest train it


def train_pkuseg(data_dir: Path, workdir: Path, iterations: int = 10) -> Path:
    """Train (once; reused when present) a pkuseg model; return its folder."""
    try:
        import spacy_pkuseg
    except ImportError as err:
        raise SystemExit("--design words needs spacy-pkuseg: pip install 'kg[pkuseg]'") from err
    model = workdir / "pkuseg"
    if (model / "weights.npz").exists():
        return model
    lines = (data_dir / MSR_GOLD).read_text(encoding="utf-8").splitlines()
    workdir.mkdir(parents=True, exist_ok=True)
    train, test = workdir / "pkuseg-train.txt", workdir / "pkuseg-test.txt"
    train.write_text("\n".join(lines[:-HELD_OUT_LINES]) + "\n", encoding="utf-8")
    test.write_text("\n".join(lines[-HELD_OUT_LINES:]) + "\n", encoding="utf-8")
    spacy_pkuseg.train(str(train), str(test), str(model), train_iter=iterations)
    return model


def word_design_overrides(pkuseg_model: Path, width: int) -> dict:
    """Config overrides: spaCy's Chinese tokenizer with the pkuseg model, and spaCy's
    usual word features (norm, first and last characters, shape) instead of kg's
    per-character ones, ``width`` wide as the CNN expects. The CNN and the BILUO tagger
    stay the same."""
    return {
        "nlp.tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "pkuseg"},
        "initialize.tokenizer": {"pkuseg_model": str(pkuseg_model), "pkuseg_user_dict": "default"},
        "components.tok2vec.model.embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": width,
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            "rows": [20000, 5000, 5000, 1000],
            "include_static_vectors": False,
        },
    }
