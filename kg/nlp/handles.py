"""Social-media accounts: organisations' @accounts (@东方航空客服, @广东宏远篮球俱乐部) and
those who comment under a post. A post names
the accounts it talks to with @ and the account's name, and news quoting posts keeps
them. An account whose name ends like an organisation's (客服, 俱乐部, 发布, 日报) is that
organisation's. People's @handles are left to the model: Weibo's annotators mark the name
inside a nickname (钟小思 of @Omi钟小思), and where the handle ends is often unclear in a
post (@周立波000给小家伙尝尝). A commenter's name is clear: it opens the comment's line, and
the line after says where the comment was sent from or how many liked it.
"""

from __future__ import annotations

import re

from kg.nlp.mention import Mention, in_text_order, sentence_of
from kg.nlp.names import NAME_ENDERS
from kg.nlp.normalize import LATIN, simplified_in_place

# The account's name runs to a space, a stop or the next @ (not into the post: @张三去了医院)
_HANDLE = re.compile(f"[@＠]([\\u4e00-\\u9fff{LATIN}0-9_\\-]{{2,20}})(?=[\\s，。：:、！？!?,;；@＠#）)]|$)")
_CLAUSE = NAME_ENDERS | set("了去来到")
_ORG_ACCOUNT = re.compile(
    "(?:客服|官方|官微|发布|日报|晚报|新闻|集团|公司|银行|大学|学院|医院|俱乐部|博物馆|天文馆|电视台|频道|中心"
    "|协会|基金会|航空|旅行|体育|政府|公安|气象|网|报|社|局|部|委|院|馆|队)$"
)


# A comment under a post: the commenter's name opening a line, a colon and the comment,
# then the line saying where it was sent from or how many liked it (来自 iPhone 15　赞 2210),
# or the comment's own line where ingestion joined the two.
_COMMENT = re.compile(
    r"^[ \t\u3000└]*([^\s：:，。！？@#【】]{2,16})[：:](?=\S)[^\n]*(?:\n[^\n]*)?"
    r"(?:来自 \S|赞[ \u3000]?\d|回复[ \u3000]?\d)",
    re.M,
)


# A line that heads a post's comments (💬 共 286 条评论, 评论区精选, 热门评论).
_THREAD = re.compile(r"^[^\n]{0,12}评论(?!员)[^\n]{0,6}$", re.M)
# ... after which a line, or a reply joined to one, opens with the commenter's name and a
# colon, the author marked or the one replied to named (↳ 橙子在路上：, 轨道上的猫（作者）回复
# 星辰大海的搬砖人：).
_NAME = r"((?:(?!回复)[^\s：:，。！？@#【】（）()↳└]){2,16})"
_IN_THREAD = re.compile(
    rf"(?:^|↳)[ \t\u3000└]*{_NAME}(?:（作者）)?(?:[ \u3000]?回复[ \u3000]?{_NAME})?[：:](?=\S)", re.M
)


_BYLINE_WORDS = frozenset({"记者", "编辑", "来源", "作者", "责编", "摄影", "通讯员", "主持人"})


def commenters(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """Mentions with the names of those who commented under a post (蓝色小猫不吃鱼：…, then
    来自 vivo X200　赞 1876; or 鹭岛阿芸：… under a line 💬 共 286 条评论): people's, or
    organisations' where the name ends like an account's (珠海气象). Only in text with two
    comments or more, in place of the names found inside them."""
    folded = simplified_in_place(text)
    found = []
    spans = [comment.span(1) for comment in _COMMENT.finditer(folded)]
    thread = _THREAD.search(folded)
    if thread:
        for comment in _IN_THREAD.finditer(folded, thread.end()):
            spans += [comment.span(i) for i in (1, 2) if comment.group(i)]
    for start, end in sorted(set(spans)):
        if folded[start:end] in _BYLINE_WORDS:
            continue  # 记者：张伟
        name = folded[start:end]  # (an organisation's name holds no function word: Leo去旅行)
        label = "ORG" if _ORG_ACCOUNT.search(name) and not _CLAUSE & set(name) else "PERSON"
        found.append(Mention(text[start:end], label, start, end, sentence_of(sentence_starts, start)))
    if len(found) < 2:
        return mentions
    covered = {i for c in found for i in range(c.start, c.end)}
    kept = [m for m in mentions if not covered & set(range(m.start, m.end))]
    return in_text_order(kept + found)


def social_handles(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """Mentions with each organisation's @account (see the module docstring) in place of
    the names found inside it (东方航空 of @东方航空客服)."""
    folded = simplified_in_place(text)
    found = []
    for handle in _HANDLE.finditer(folded):
        start, end = handle.span(1)
        # (an account's name holds no function word: @张三去了医院 is a post going on)
        if _ORG_ACCOUNT.search(handle.group(1)) and not _CLAUSE & set(handle.group(1)):
            sentence = sentence_of(sentence_starts, start)
            found.append(Mention(text[start:end], "ORG", start, end, sentence))
    if not found:
        return mentions
    kept = [m for m in mentions if not any(m.start < h.end and h.start < m.end for h in found)]
    return in_text_order(kept + found)
