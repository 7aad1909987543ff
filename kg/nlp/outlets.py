"""News outlets named as sources: 红星新闻记者, 据环球时报报道, 中央电视台讯.

News text cites its sources in a few fixed shapes: a name, a word saying what kind of
outlet it is (新闻, 日报, 电视台), then 记者, 报道 or 讯. The model
often finds only the name part and types it as a place (红星 in 红星新闻记者), because
most outlets are named after places. The outlet word makes the whole an organisation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from kg.nlp.countries import opening_country
from kg.nlp.lexicon import lexicon
from kg.nlp.mention import Mention, in_text_order
from kg.nlp.normalize import simplified_in_place

# Longest first, so 新闻网 wins over 新闻.
_OUTLET = "新闻网|新闻社|通讯社|电视台|广播电台|新闻|日报|晚报|晨报|早报|都市报|时报|商报|周刊|周报|卫视|电台|杂志|网"
# What follows an outlet named as a source; not 记者会 (a press conference), 记者协会.
_CUE = "记者(?!会|节|协会|站)|报道|报导|讯|消息|援引|引述|评论|获悉|了解到|采访|专访|社论"
_AFTER = re.compile(rf"({_OUTLET})(?:{_CUE})")
_ENDS = re.compile(rf"(?:{_OUTLET}|周末)$")
_WINDOW = 10  # characters read after a mention: the longest outlet word and cue


# A byline or source line: an outlet the model found nothing of, opening a clause and
# followed by 记者 or 讯, maybe after a space or a slash (界面新闻记者｜…, 公視新聞網 記者,
# 聯合報／記者, 新华社讯).
_BYLINE = re.compile(
    rf"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{{2,4}}?(?:{_OUTLET}|社|周末))[ \t\u3000／/｜|]*(?:记者(?!会|节|协会|站)|讯)"
    r"|(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{1,4}报)[ \t\u3000]*[／/｜|][ \t\u3000]*记者"  # 聯合報／記者
)
# A masthead: the outlet's name before a date or its Latin name (自由時報 2025/11/30,
# 星島日報 Sing Tao Daily), or a paper's alone on a line (not a section: 北京新闻).
_MASTHEAD = re.compile(
    rf"^[ \t\u3000]*([\u4e00-\u9fff]{{2,4}}?(?:(?:{_OUTLET}|社|周末)(?=[ \t\u3000]+[0-9A-Za-z])"
    r"|(?:日报|晚报|早报|晨报|时报|商报|周报|周末|周刊|通讯社|新闻社)(?=[ \t\u3000]*$)))",
    re.M,
)
# A byline's outlet under any name: a short name with 讯 before 记者 opening a line (南都讯
# 记者黄慧诗, 新京报讯（记者 …）), the outlet in 【】 opening a line (【财新网】, 【明報專訊】),
# or the outlet a story is taken from (来源：南方都市报).
_LINE_BYLINE = re.compile(
    r"^[ \t\u3000]*(?:[0-9: -]+)?([\u4e00-\u9fff]{2,6}?)讯(?=[ \t\u3000]*[（(]?记者)"
    rf"|^[ \t\u3000]*【([\u4e00-\u9fff]{{2,6}}?(?:{_OUTLET}|社)|[\u4e00-\u9fff]{{2,6}}?(?=专讯】|讯】))"
    rf"|(?:来源|稿源|转载自)[:：][ \t\u3000]*([\u4e00-\u9fff]{{2,8}}?(?:{_OUTLET}|社))(?![\u4e00-\u9fff])",
    re.M,
)
_NOT_OPENING = set("本该其这那此各我你他她它")
_BARE = re.compile(_OUTLET)  # 晨报讯: which paper, it does not say
# Kinds of news, not outlets (体育新闻记者).
_BEATS = re.compile(
    "(?:国际|国内|地方|社会|娱乐|体育|财经|经济|科技|军事|时政|本地|文化|教育|突发|独家|热点|最新)(?:新闻|网)"
)


def name_outlets(text: str, mentions: list[Mention], sentence_starts: list[int] | None = None) -> list[Mention]:
    """Mentions with a name followed by an outlet word and a source cue (红星 in
    红星新闻记者) grown into the outlet, an organisation (红星新闻), and a place's span
    that ends in an outlet word (北京日报; a title's too, 南方周末) typed as one. People's
    names are left alone: a cue after them (拜登新闻秘书) is about the person. An outlet
    named in a byline or a masthead where the model found nothing (界面新闻记者, 联合早报
    2024年10月28日) is added; ``sentence_starts`` gives it its sentence."""
    folded = simplified_in_place(text)
    taken = sorted((m.start, m.end) for m in mentions)
    longest = max((e - s for s, e in taken), default=0)
    dropped, added = set(), []
    bylines = [b.span(1) for b in _MASTHEAD.finditer(folded)]
    bylines += [b.span(b.lastindex) for b in (*_BYLINE.finditer(folded), *_LINE_BYLINE.finditer(folded))]
    for start, end in bylines:
        if _BEATS.fullmatch(folded, start, end) or folded[start] in _NOT_OPENING or _BARE.fullmatch(folded, start, end):
            continue
        if _division_or_country(folded[start:end]):
            continue  # a dispatch's place (北京讯), not an outlet
        # what the model found inside it gives way (時報 of 自由時報)
        window = taken[bisect_left(taken, (start - longest, 0)) : bisect_left(taken, (end, 0))]
        overlaps = [(s, e) for s, e in window if s < end and start < e]
        if all(start <= s and e <= end for s, e in overlaps):  # a span the same is retyped
            sentence = bisect_right(sentence_starts, start) - 1 if sentence_starts else 0
            dropped.update(overlaps)
            added.append(Mention(text[start:end], "ORG", start, end, max(sentence, 0)))
    if added:
        mentions = [m for m in mentions if (m.start, m.end) not in dropped] + added
        # the outlet's name elsewhere in the article (告诉南都记者), and the name of a 网
        # without it (财新 of 【财新网】), are the outlet's too; not a place's (中国 of 中国网)
        outlets = {m.text for m in added} | {m.text[:-1] for m in added if m.text.endswith("网") and len(m.text) > 2}
        outlets = {name for name in outlets if not _division_or_country(simplified_in_place(name))}
        mentions = [replace(m, label="ORG", titles=[]) if m.text in outlets else m for m in mentions]
    out: list[Mention] = []
    for m in in_text_order(mentions):
        if out and m.start < out[-1].end:
            continue  # inside an outlet grown over it
        cited = _AFTER.match(simplified_in_place(text[m.end : m.end + _WINDOW])) if m.label != "PERSON" else None
        if cited:
            end = m.end + cited.end(1)
            m = replace(m, text=text[m.start : end], label="ORG", end=end, titles=[])
        elif m.label in ("GPE", "LOC", "WORK_OF_ART") and len(m.text) > 2 and _ENDS.search(simplified_in_place(m.text)):
            m = replace(m, label="ORG")
        out.append(m)
    return out


def _division_or_country(name: str) -> bool:
    """Whether ``name`` (in Simplified) is a country's or a city's, county's or province's
    (北京 of 北京市; not 南都, 南方都市报's short name)."""
    kinds = lexicon().kinds
    return opening_country(name) == name or any(name + division in kinds for division in "市省县")
