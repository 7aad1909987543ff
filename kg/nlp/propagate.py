"""One sense per article and per corpus: a name found once is looked for wherever else the
article, or any article of the corpus, writes it (the model often misses a name it tagged
a sentence earlier)."""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Iterator

from ahocorasick_rs import AhoCorasick

from kg.nlp.lexicon import ORG_END
from kg.nlp.mention import Mention, in_text_order
from kg.nlp.names import (
    brand_name,
    company_short_form,
    country_rest,
    is_place_name,
    last_name,
    occurrences,
    team_short_form,
)
from kg.nlp.normalize import LATIN, T2S
from kg.nlp.titles import titles_before

if TYPE_CHECKING:
    from kg.nlp.extract import Extraction

_BRACKETED_LATIN = re.compile(f"\\s*[（(]\\s*([{LATIN}][{LATIN} .'\\-]{{1,60}}?)\\s*[)）]")


def bracketed_latin(text: str, end: int) -> str | None:
    """The Latin name in brackets right after a name (深度求索（DeepSeek）), if any."""
    bracket = _BRACKETED_LATIN.match(text, end) if end < len(text) else None
    return bracket.group(1).strip() if bracket else None


class NameIndex:
    """Names (surface -> label) in an Aho-Corasick automaton: one pass over an article
    finds every occurrence of every name, however many names the corpus has."""

    def __init__(self, names: dict[str, str]):
        self.labels = {n: label for n, label in names.items() if len(n) >= 2}
        self._names = list(self.labels)
        self._matcher = AhoCorasick(self._names) if self._names else None

    def occurrences(self, text: str) -> Iterator[tuple[int, str]]:
        """(start, name) of every occurrence, overlapping ones included."""
        if self._matcher is not None:
            for i, start, _ in self._matcher.find_matches_as_indexes(text, overlapping=True):
                yield start, self._names[i]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def propagate(
    text: str,
    sentences: list[tuple[int, int, str]],
    starts: list[int],
    mentions: list[Mention],
    corpus: NameIndex | None = None,
    own: bool = True,
) -> list[Mention]:
    """One sense per article: a name found once is found wherever else it is written
    in the same article (the model often misses a name it tagged a sentence earlier).
    ``corpus`` adds names established elsewhere in the corpus, and an organisation's
    name its short forms (华为 of 华为公司, 真主党 of 黎巴嫩真主党, 苹果 of 美国苹果公司).
    Only names of two or more characters; a Latin name's occurrence inside a longer Latin
    word (Space of SpaceX) or an occurrence overlapping a mention already found is left
    alone, unless the mentions it overlaps
    are single characters inside it (the model read 华为 as the place 华) or, for a
    person, the name cut short (贝森 of 贝森特对记者说, 特朗 of 特朗普通电话, where 普通 is a
    word). Longer names go first. ``own=False``: ``mentions`` went through this already,
    so the article's own names need no second search."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if len(m.text) >= 2:
            votes[m.text][m.label] += 1
    known = {surface: c.most_common(1)[0][0] for surface, c in votes.items()} if own else {}
    if own:
        orgs = [name for name, label in known.items() if label == "ORG"]
        # 真主党 of 黎巴嫩真主党, where it ends like an organisation (革命博物馆 is no name alone)
        rests = [rest for rest in map(country_rest, orgs) if rest and T2S.convert(rest).endswith(ORG_END)]
        shorts = set(rests) | {company_short_form(name) for name in orgs + rests}  # 苹果 of 美国苹果公司
        shorts |= {brand_name(name) for name in orgs}  # 字节跳动 of 北京字节跳动科技有限公司
        shorts |= {team_short_form(name) for name in orgs}
        known.update((short, "ORG") for short in shorts if short and short not in votes and not is_place_name(short))
        lasts = {last_name(name) for name, label in known.items() if label == "PERSON"}  # 詹姆斯 of 勒布朗·詹姆斯
        known.update((last, "PERSON") for last in lasts if last and last not in votes and not is_place_name(last))
    positions = {surface: occurrences(text, surface) for surface in known}
    if corpus is not None:
        for pos, surface in corpus.occurrences(text):
            if surface in votes:
                continue  # the article's own names were found with str.find above
            known.setdefault(surface, corpus.labels[surface])
            seen = positions.setdefault(surface, [])
            if not seen or pos >= seen[-1] + len(surface):  # occurrences of one name never overlap
                seen.append(pos)
    taken = sorted((m.start, m.end) for m in mentions)
    singles = {(m.start, m.end) for m in mentions if m.end - m.start == 1}
    people = {(m.start, m.end) for m in mentions if m.label == "PERSON"}
    added, dropped = [], set()
    for surface in sorted(known, key=lambda n: (-len(n), n)):
        person = known[surface] == "PERSON"
        for pos in positions[surface]:
            end = pos + len(surface)
            i = bisect_right(taken, (pos, end)) - 1
            hits = [(s, e) for s, e in taken[max(0, i - 1) : i + len(surface) + 1] if s < end and pos < e]
            # one-character mentions inside it, or a person's name cut short (特朗 of 特朗普通电话)
            replaces = all(h in singles or (person and h in people and pos == h[0] and h[1] < end) for h in hits)
            # a Latin name inside a longer Latin word (Space of SpaceX); a Chinese name may
            # touch Latin letters (华为 of 华为Mate80)
            glued = (pos > 0 and _latin(text[pos - 1]) and _latin(surface[0])) or (
                end < len(text) and _latin(text[end]) and _latin(surface[-1])
            )
            sentence = bisect_right(starts, pos) - 1
            if replaces and not glued and sentence >= 0 and end <= sentences[sentence][1]:
                dropped.update(hits)
                for h in hits:
                    taken.remove(h)
                label = known[surface]
                titles = titles_before(text, pos) if label == "PERSON" else []
                added.append(Mention(surface, label, pos, end, sentence, titles, bracketed_latin(text, end)))
                insort(taken, (pos, end))
    kept = [m for m in mentions if (m.start, m.end) not in dropped]
    return in_text_order(kept + added)


def sentence_text(ex: Extraction) -> str:
    """The document text as far as its sentences go (spaces between them), same offsets."""
    length = ex.sentences[-1][1] if ex.sentences else 0
    chars = [" "] * length
    for start, end, sentence in ex.sentences:
        chars[start:end] = sentence
    return "".join(chars)


def propagate_corpus_names(ex: Extraction, corpus: NameIndex, text: str | None = None) -> Extraction:
    """An extraction with the corpus's established names found in it too."""
    text = sentence_text(ex) if text is None else text
    starts = [s for s, _, _ in ex.sentences]
    # every extraction's mentions already had its own names propagated (_Pending.extraction)
    ex.mentions = propagate(text, ex.sentences, starts, ex.mentions, corpus, own=False)
    return ex
