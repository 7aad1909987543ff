from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import IngestError, clean_text, discover, iter_documents, read_document
from kg.nlp.sentences import MAX_SENTENCE, split_sentences

ARTICLE = "美国总统拜登与乌克兰总统泽伦斯基通话。马斯克否认与普京通话。"


@pytest.mark.parametrize(
    "encoding, prefix",
    [("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""), ("gb18030", b""), ("gbk", b""), ("big5", b"")],
)
def test_ingest_decodes_common_chinese_encodings(tmp_path: Path, encoding: str, prefix: bytes):
    text = ARTICLE if encoding != "big5" else "美國總統拜登與烏克蘭總統澤倫斯基通話。馬斯克否認與普京通話。"
    path = tmp_path / f"a-{encoding}.txt"
    path.write_bytes(prefix + (text * 3).encode(encoding))
    doc = read_document(path)
    assert doc.text.startswith(text)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n ", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("only-markup.html", b"<html><script>var a=1;</script><style>p{}</style></html>", "no text"),
    ],
)
def test_ingest_bad_files_raise_a_named_reason(tmp_path: Path, name: str, data: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert reason in info.value.reason
    assert str(path) in str(info.value)


def test_ingest_skips_oversized_files(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 100, encoding="utf-8")
    with pytest.raises(IngestError, match="max-bytes"):
        read_document(path, max_bytes=1000)


def test_ingest_goes_on_after_bad_files(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.html").write_bytes(b"\x00\x01\x02\xff\xfe\xfa" * 500)
    (tmp_path / "d.md").write_text("# 标题\n\n" + ARTICLE, encoding="utf-8")
    errors = []
    docs = list(iter_documents([tmp_path], on_error=errors.append))
    assert sorted(Path(d.path).name for d in docs) == ["a.txt", "d.md"]
    assert sorted(Path(e.path).name for e in errors) == ["b.txt", "c.html"]


def test_ingest_html_keeps_visible_text_only():
    html = """<html><head><title>新闻标题</title><script>alert("马斯克")</script>
    <style>.x{color:red}</style></head><body><div><p>拜登<strong>会见</strong>泽伦斯基。</p>
    <img src="https://inews.gtimg.com/x.jpg" alt="图片说明"><a href="https://rfi.fr/a">链接文字</a>
    <p>未闭合段落<b>加粗</div></body>"""
    text, meta = clean_text(html, "html")
    assert "拜登会见泽伦斯基。" in text
    assert "链接文字" in text and "未闭合段落加粗" in text
    for junk in ("alert", "color:red", "gtimg", "rfi.fr", "https", "src", "div"):
        assert junk not in text
    assert meta["title"] == "新闻标题"


def test_ingest_html_drops_the_sites_menus_related_links_and_footer():
    html = """<html><body><header><a>BBC中文</a><nav><a>主页</a><a>财经</a></nav></header>
    <main><article><h1>标题</h1><p>拜登会见泽伦斯基。</p><footer>记者 李四</footer></article>
    <aside><a>相关报道：普京讲话</a></aside></main><form><button>订阅</button></form>
    <footer><a>Cookies</a> © 2025 BBC</footer></body></html>"""
    text, _ = clean_text(html, "html")
    assert "拜登会见泽伦斯基。" in text and "标题" in text
    assert "记者 李四" in text  # the article's own footer: its byline
    for chrome in ("主页", "财经", "相关报道", "订阅", "Cookies", "© 2025"):
        assert chrome not in text


def test_ingest_markdown_drops_images_and_link_targets():
    md = "# 美前国防部次长：马斯克\n\n![](https://inews.gtimg.com/om_bt/x/1000)\n_▲乌克兰士兵_\n\n见[原文](https://rfi.fr/cn/x)。**曾与普京通话**"
    text, meta = clean_text(md, "markdown")
    assert meta["title"] == "美前国防部次长：马斯克"
    assert "gtimg" not in text and "rfi.fr" not in text and "**" not in text and "](" not in text
    assert "见原文。" in text and "曾与普京通话" in text and "▲乌克兰士兵" in text


def test_ingest_rejoins_words_broken_across_lines():
    text, _ = clean_text("为此美国防部与Space\nX签订合同，保证\n服务继续。\n\n新段落。", "text")
    assert "与SpaceX签订合同，保证服务继续。" in text
    assert "\n\n新段落。" in text


def test_ingest_reads_seed_metadata():
    rfi = read_document(Path(__file__).parent.parent / "seeds" / "003_207e4dbfa06874ba.txt")
    assert rfi.date == "2022-06-15"
    assert rfi.title.startswith("习普背靠背通话")
    assert "<div>" not in rfi.text and "rfi.fr" not in rfi.text and "AP22166507474982" not in rfi.text
    red_star = read_document(Path(__file__).parent.parent / "seeds" / "000_67691ad8877c6c05.txt")
    assert red_star.title == "美前国防部次长：马斯克曾主动承认就俄乌问题与普京通话"
    assert "SpaceX签订合同" in red_star.text


def test_ingest_discover_is_recursive_and_sorted(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    for name in ("sub/b.md", "a.txt", "c.htm", "ignored.pdf"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["a.txt", "c.htm", "b.md"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("他说：“不，我没有。”随后离开。", ["他说：“不，我没有。”", "随后离开。"]),
        ("真的吗？是的！好", ["真的吗？", "是的！", "好"]),
        ("He left. 3.14 是数字。", ["He left.", "3.14 是数字。"]),
        ("第一段\n第二段", ["第一段", "第二段"]),
    ],
)
def test_sentences_split_on_chinese_and_latin_terminators(text: str, expected: list[str]):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_sentences_cut_very_long_runs():
    text = "很长的句子，" * 2000
    spans = split_sentences(text)
    assert all(e - s <= MAX_SENTENCE for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == text
