"""Resolve: one entity per real-world thing, from many surface forms.

Mentions are keyed by a normal form (NFKC width folding, OpenCC Simplified script,
one name separator, no spaces, Latin lower-cased); keys then join through the
alias table (with every country's mainland, Taiwan and Hong Kong names), names given
in brackets, partial names (卡尔 after 科林·卡尔), short forms (华为 of 华为公司,
杭州 of 杭州市) and abbreviations (工信部 of 工业和信息化部).
A merge needs the same entity type; a short form that fits two entities stays apart.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from pypinyin import lazy_pinyin

from kg.aliases import AliasTable, load_alias_table
from kg.nlp.countries import opening_country
from kg.nlp.extract import Extraction, Mention
from kg.nlp.family_names import chinese_full_name
from kg.nlp.lexicon import abbreviations
from kg.nlp.names import (
    abbreviates,
    company_short_form,
    countries_named,
    country_rest,
    expand_fused,
    is_brand_of,
    team_short_forms,
    without_country,
    without_former,
)
from kg.nlp.normalize import T2S, display, normalize
from kg.nlp.titles import surnames
from kg.transliteration import THRESHOLD, looks_transliterated, pinyin_key, same_transliteration

_NAME_TYPES = ("PERSON",)
# Characters that the NER sometimes glues to the front of a name (令卡尔, 与普京, 中马斯克).
_GLUED = set("令让使向与和对被把给跟同据称在从中于及")
TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "PRODUCT", "FAC", "NORP", "EVENT", "WORK_OF_ART")


def entity_id(etype: str, key: str) -> str:
    """Stable, IRI-safe id from type and normal form: ``person-masike-1a2b3c``."""
    slug = "-".join(p for p in (re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(key)) if p)[:60]
    digest = hashlib.sha1(f"{etype}|{key}".encode("utf-8")).hexdigest()[:6]
    return f"{etype.lower()}-{slug or 'x'}-{digest}"


@dataclass
class Entity:
    id: str
    type: str
    key: str
    label: str
    aliases: Counter = field(default_factory=Counter)  # surface form -> count
    titles: Counter = field(default_factory=Counter)
    docs: set = field(default_factory=set)
    mentions: int = 0


@dataclass
class Resolved:
    """Resolution result: entities, and for each document the entity ids of its
    mentions as (entity id, sentence index, start, end), in document order."""

    entities: dict[str, Entity]
    occurrences: dict[str, list[tuple[str, int, int, int]]]


def _named_region(doc_keys: set[str]) -> str | None:
    """The one special administrative region an article names (澳门 of 澳门特区), or None."""
    named = {k[:2] for k in doc_keys if k.startswith(("香港", "澳门")) and (_short_form("GPE", k) or k) == k[:2]}
    return named.pop() if len(named) == 1 else None


def people_keys(ex: Extraction, vote) -> set[str]:
    """Normal forms of the full foreign names (with a separator) typed PERSON in an article."""
    return {k for k in (normalize(m.text) for m in ex.mentions) if "·" in k and vote(k, "PERSON") == "PERSON"}


# What a place's full name ends in and its everyday short form leaves off (杭州市: 杭州).
_PLACE_FORMS = ("特别行政区", "特区", "省", "市", "县", "区")


# What an outlet's name ends in and its short form leaves off (财新网: 财新, 澎湃新闻: 澎湃).
_OUTLET_FORMS = ("新闻网", "网", "新闻")


def _short_form(etype: str, key: str) -> str | None:
    """The short form of an organisation's or place's full name (华为 of 华为公司, 清华 of
    清华大学, 财新 of 财新网, 杭州 of 杭州市), two characters or more, or None. (A university's is not
    looked for in articles, as a company's is: 中国人民 of 中国人民大学 is no name.)"""
    if etype == "ORG":
        university = key[:-2] if key.endswith("大学") and len(key) >= 4 else None
        outlet = next((key[: -len(e)] for e in _OUTLET_FORMS if key.endswith(e) and len(key) - len(e) >= 2), None)
        return company_short_form(key) or university or outlet
    if etype == "GPE":
        for form in _PLACE_FORMS:
            if key.endswith(form) and len(key) - len(form) >= 2:
                return key[: -len(form)]
    return None


def _canonical_label(aliases: AliasTable, etype: str, surfaces: Iterable[str]) -> str | None:
    """The alias table's name for an entity that one of its surface forms is listed under."""
    for surface in surfaces:
        canon = aliases.lookup(etype, normalize(surface))
        if canon and (etype, canon) in aliases.canonical_names:
            return aliases.canonical_names[(etype, canon)]
    return None


def _label_rank(forms: Counter):
    """A node's name: a Chinese form before a Latin one (泽连斯基, not Volodymyr Zelensky),
    then the longest (科林·卡尔, not 卡尔), then the most written."""
    return lambda f: (any("\u3400" <= ch <= "\u9fff" for ch in f), len(normalize(f)), forms[f])


def _first_part(key: str) -> str | None:
    if "·" in key:
        return key.split("·", 1)[0]
    return None


def _last_part(key: str) -> str | None:
    if "·" in key:
        return key.rsplit("·", 1)[1]
    return None


def _join_transliterations(items, find, union) -> None:
    root_of = {node: find(node) for node in {(etype, key) for _, etype, key, _ in items}}
    people = {root for (etype, _), root in root_of.items() if etype == "PERSON"}
    people = sorted(r for r in people if looks_transliterated(r[1]))
    if len(people) < 2:
        return
    candidates = set(people)
    # only the sentences that hold a name that may still merge matter
    wanted = {(doc, m.sentence) for doc, etype, key, m in items if root_of[(etype, key)] in candidates}
    sentences: dict[tuple[str, int], set] = defaultdict(set)
    for doc, etype, key, m in items:
        if (doc, m.sentence) in wanted:
            sentences[(doc, m.sentence)].add(root_of[(etype, key)])
    neighbours: dict[tuple[str, str], set] = defaultdict(set)
    seen_in: dict[tuple[str, str], set] = defaultdict(set)
    for where, roots in sentences.items():
        for root in roots & candidates:  # only the names that may still merge need this
            neighbours[root] |= roots
            seen_in[root].add(where)
    # every transliterated form of a name is compared, not only its root's (奥特曼 of 奥尔特曼
    # in the alias table still matches 阿特曼)
    blocks: dict[str, list[tuple[str, tuple[str, str]]]] = defaultdict(list)  # (form, root)
    for (etype, key), root in root_of.items():
        if root in candidates and looks_transliterated(key):
            blocks[pinyin_key(key)[0]].append((key, root))
    slack = 1 - THRESHOLD
    for block in blocks.values():
        block.sort(key=lambda fr: len(pinyin_key(fr[0])[1]))
        for i, (fa, a) in enumerate(block):
            la = len(pinyin_key(fa)[1])
            for fb, b in block[i + 1 :]:
                # an edit distance is at least the difference in length: stop early
                if len(pinyin_key(fb)[1]) - la > slack * len(pinyin_key(fb)[1]):
                    break
                ra, rb = find(a), find(b)
                if ra == rb or seen_in[a] & seen_in[b]:  # never merge two names of one sentence
                    continue
                if not (neighbours[a] & neighbours[b]) - {a, b}:
                    continue
                if same_transliteration(fa, fb):
                    union(ra, rb)


_GOVERNMENT_ENDS = tuple("部局署院委办厅处")


def _with_country(items: list, orgs_by_doc: dict[str, set[str]], aliases: AliasTable, find) -> list:
    """``items`` with an organisation named without its country (真主党) keyed by the one
    full name (黎巴嫩真主党) its article writes, or else by the one of the corpus whose
    country its article names. Per article: 国民警卫队 beside 美国国民警卫队 in one article
    is America's, and Ukraine's in another that names only 乌克兰."""
    # Taiwan's and Hong Kong's news, in Traditional script: their 外交部 is not China's.
    # Asked only of articles with such a name, so the script is read only there.
    texts: dict[str, list[str]] = defaultdict(list)
    for doc, _, _, m in items:
        texts[doc].append(m.text)
    scripts: dict[str, bool] = {}

    def traditional(doc: str) -> bool:
        if doc not in scripts:
            scripts[doc] = any(T2S.convert(text) != text for text in texts[doc])
        return scripts[doc]

    written: dict[tuple[str, str], set[str]] = defaultdict(set)  # (doc, name) -> full names there
    chinas: set[str] = set()  # China's government bodies, which a bare name joins in mainland news only
    for doc, keys in orgs_by_doc.items():
        for full in keys:
            # the dictionary is read only where both names are there (it is let go after the NER)
            rest = without_country(full)  # and its short form: 东方航空 of 中国东方航空公司
            for form in {rest, rest and company_short_form(rest)} & keys:
                # jieba files 东方航空公司 with the bodies every country has (财政部): a company is
                # none; and a body every country has, named alone, is China's (人民银行, 国民党),
                # but a government body only in mainland news (Taiwan's 外交部 is its own)
                if country_rest(full) or company_short_form(rest):
                    written[(doc, form)].add(full)
                elif opening_country(full) == "中国":
                    government = rest.endswith(_GOVERNMENT_ENDS)  # not 国民党, 人民银行
                    if government:
                        chinas.add(full)
                    if not (government and traditional(doc)):
                        written[(doc, form)].add(full)
    known: dict[str, set[str]] = defaultdict(set)
    for (_, form), fulls in written.items():
        known[form] |= fulls
    if not known:
        return items
    places: dict[str, set[str]] = defaultdict(set)
    for doc, etype, key, _ in items:
        if etype == "GPE":
            places[doc].add(aliases.lookup("GPE", key) or key)

    def country(full: str) -> str:
        name = opening_country(full) or ""
        return aliases.lookup("GPE", name) or name

    chosen: dict[tuple[str, str], str] = {}
    for doc, keys in orgs_by_doc.items():
        for form in keys & known.keys():
            fulls = written.get((doc, form)) or {
                f for f in known[form] if country(f) in places[doc] and not (f in chinas and traditional(doc))
            }
            if fulls and len({find(("ORG", f)) for f in fulls}) == 1:
                chosen[(doc, form)] = min(fulls)
    return [(doc, t, chosen.get((doc, k), k) if t == "ORG" else k, m) for doc, t, k, m in items]


def resolve(
    extractions: Iterable[Extraction],
    aliases: AliasTable | None = None,
    *,
    script: str = "simplified",
    ids: dict[str, str] | None = None,
) -> Resolved:
    """Group mentions across documents into entities (see the module docstring).

    ``ids`` (``"type|key" -> entity id``), where given, is read and filled in: a build
    keeps it for the next one, since making an id's pinyin slug is slow."""
    ids = {} if ids is None else ids
    aliases = aliases or load_alias_table()
    docs = list(extractions)

    # 1. One type per surface key across the corpus (mention types are noisy).
    type_votes: dict[str, Counter] = defaultdict(Counter)
    pairs = Counter((m.text, m.label) for ex in docs for m in ex.mentions)
    for (text, label), n in pairs.items():
        type_votes[normalize(text)][label] += n

    @lru_cache(maxsize=None)
    def vote(key: str, fallback: str) -> str:
        known = aliases.types.get(key)
        if known:  # the alias table knows what this name is
            return known
        votes = type_votes.get(key)
        if not votes:
            return fallback
        return max(votes, key=lambda t: (votes[t], -TYPE_ORDER.index(t) if t in TYPE_ORDER else -99))

    # 2. Per document: expand fused forms, then map partial names to full ones.
    items: list[tuple[str, str, str, Mention]] = []  # (doc, type, key, mention)
    for ex in docs:
        people: dict[str, set[str]] = defaultdict(set)  # first character -> PERSON keys
        doc_keys = set()
        for text, label in {(m.text, m.label) for m in ex.mentions}:
            key = normalize(text)
            doc_keys.add(key)
            if len(key) >= 2 and vote(key, label) == "PERSON":
                people[key[0]].add(key)
        # parts of a full foreign name written in this article are that person's name,
        # whatever type the model gave them alone (卡尔 of 科林·卡尔, 埃隆 of 埃隆·马斯克)
        name_parts = {part for k in people_keys(ex, vote) for part in k.split("·") if len(part) >= 2}
        decided: dict[tuple[str, str], tuple[bool, str, list | None, bool]] = {}  # one decision per form
        for m in ex.mentions:
            decision = decided.get((m.text, m.label))
            if decision is None:
                key = normalize(m.text)
                # a function word glued to a name seen alone in the same article: 令卡尔 -> 卡尔
                glued = len(key) >= 3 and key[0] in _GLUED and key[1:] in doc_keys
                title = normalize(m.titles[-1]) if m.label == "PERSON" and m.titles else ""
                addressed = bool(title) and len(key) == len(title) + 1 and key.endswith(title)
                if addressed:
                    key = key[0]  # 罗教授, 韩研究员: a family name and its title, a person's (below)
                elif glued:
                    key = key[1:]
                elif m.label == "ORG" and "前" in key:
                    key = without_former(key, doc_keys)  # 美前国防部, 美国前国防部 -> 美(国)国防部
                elif key == "特区":  # 特区政府: the one region the article names
                    key = _named_region(doc_keys) or key
                elif len(key) == 2 and key[1] == "方" and key[0] in abbreviations():
                    key = key[0]  # "the side": 俄方 is 俄罗斯, as 俄 is
                elif len(key) == 2 and key[1] == "方" and len(sides := countries_named(key[0], doc_keys)) == 1:
                    key = sides[0]  # 马方 beside 马来西亚
                # a person's one character is a family name (罗 of 罗教授), unless it stands
                # for a country (美 the model typed a person)
                family = m.label == "PERSON" and len(key) == 1 and (addressed or key not in abbreviations())
                fused = expand_fused(key, people, doc_keys) if len(key) <= 3 and not family else None
                decision = decided[(m.text, m.label)] = (glued, key, fused, addressed)
            glued, key, fused, addressed = decision
            if glued:
                m = Mention(m.text[1:], m.label, m.start + 1, m.end, m.sentence, m.titles, m.bracketed)
            if fused is not None:
                for surface, etype in fused:
                    items.append(
                        (ex.doc_id, etype, normalize(surface), Mention(surface, etype, m.start, m.end, m.sentence))
                    )
                continue
            etype = "PERSON" if key in name_parts or addressed else vote(key, m.label)
            items.append((ex.doc_id, etype, key, m))

    # 3. Keys join canonical keys: alias table, bracketed names, partial names.
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(node):
        while (up := parent.get(node, node)) != node:
            parent[node] = node = parent.get(up, up)  # path halving keeps chains short
        return node

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb and not _split(ra, rb):
            parent[rb] = ra

    def _split(a, b):
        return (a[0], b[1], a[1]) in aliases.splits or (a[0], a[1], b[1]) in aliases.splits

    all_keys = {(etype, key) for _, etype, key, _ in items}
    for etype, key in all_keys:
        canon = aliases.lookup(etype, key)
        if canon:
            union((etype, canon), (etype, key))
    bracketed_docs = {doc for doc, _, _, m in items if m.bracketed}
    by_position = defaultdict(list)
    for doc, etype, key, m in items:
        if doc in bracketed_docs:
            by_position[doc].append((m.start, etype, key))
    for doc, etype, key, m in items:
        if m.bracketed:
            latin = normalize(m.bracketed)
            union((etype, key), (etype, latin))
            # a mention inside the brackets ("Maria" of "（Maria Zakharova）") is the same one
            for start, other_type, other_key in by_position[doc]:
                if other_type == etype and m.end < start <= m.end + len(m.bracketed) + 2:
                    union((etype, key), (etype, other_key))
            last = m.bracketed.split()[-1]
            if len(last) > 2 and last.lower() != latin:
                union((etype, key), (etype, normalize(last)))

    by_doc: dict[str, set[str]] = defaultdict(set)
    for doc, etype, key, _ in items:
        if etype in _NAME_TYPES:
            by_doc[doc].add(key)
    # A short name stands for the one longer name its own article writes: 卡尔 after 科林·卡尔,
    # 埃隆 beside 埃隆·马斯克, 马斯克 beside 埃隆马斯克. Its mentions take that name's key, so
    # the 卡尔 of another article, beside 布伦丹·卡尔, is never joined through it.
    explained: dict[tuple[str, str], str] = {}  # (doc, short name) -> the article's full name
    corpus_full: dict[str, set[tuple[str, str]]] = defaultdict(set)  # short -> roots of full names
    for doc, keys in by_doc.items():
        longer: dict[str, set[str]] = defaultdict(set)
        for k in keys:
            if "·" in k:
                longer[_last_part(k)].add(k)
                longer[_first_part(k)].add(k)
                corpus_full[_last_part(k)].add(find(("PERSON", k)))
            else:
                for n in range(2, len(k)):
                    longer[k[-n:]].add(k)
                if chinese_full_name(k):  # 罗 of 罗教授 is the article's 罗世杰, 山崎 its 山崎敏行
                    longer[k[0]].add(k)
                    if len(k) == 4 and k[:2] in surnames():
                        longer[k[:2]].add(k)
        for short in keys:
            fulls = longer.get(short, set()) - {short}
            roots = {find(("PERSON", k)) for k in fulls}
            if len(roots) == 1:
                full = explained[(doc, short)] = max(fulls, key=lambda k: (len(k), k))
                # a first name or family name alone joins only in its own article
                if _first_part(full) != short and not (chinese_full_name(full) and full.startswith(short)):
                    corpus_full[short] |= roots
    items = [(doc, t, explained.get((doc, k), k) if t in _NAME_TYPES else k, m) for doc, t, k, m in items]
    titles_of: dict[str, set[str]] = defaultdict(set)
    for _, etype, key, m in items:
        if etype == "PERSON":
            titles_of[key].update(m.titles)
    root_titles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, titles in titles_of.items():
        if "·" in key:
            root_titles[find(("PERSON", key))] |= titles
    # A bare short name elsewhere joins the corpus's one full name with it, unless both carry
    # titles and share none: 主席卡尔 (Carr, of the FCC) is not 次长科林·卡尔. Of several full
    # names, it joins the one whose titles it shares, if only one does.
    for short, roots in corpus_full.items():
        bare = titles_of.get(short)
        if bare is None:
            continue
        roots = {find(r) for r in roots}
        sharing = {r for r in roots if root_titles[r] & bare}
        if len(sharing) == 1:
            union(sharing.pop(), ("PERSON", short))
        elif len(roots) == 1 and not (bare and root_titles[next(iter(roots))]):
            union(roots.pop(), ("PERSON", short))

    for etype, key in all_keys:  # a region's two full names: 澳门特别行政区 and 澳门特区
        if etype == "GPE" and key.endswith("特别行政区") and ("GPE", key[:-5] + "特区") in all_keys:
            union(("GPE", key), ("GPE", key[:-5] + "特区"))
    # a short form and its full name (华为 and 华为公司, 杭州 and 杭州市) are one entity
    # where the short form fits one full name in the corpus (吉林 fits 吉林省 and 吉林市)
    fulls: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    org_keys = {k for t, k in all_keys if t == "ORG"}
    for etype, key in all_keys:
        short = _short_form(etype, key)
        forms = [short] if short else team_short_forms(key, org_keys) if etype == "ORG" else []
        for form in forms:
            if (etype, form) in all_keys:
                fulls[(etype, form)].add(find((etype, key)))
    orgs_by_doc: dict[str, set[str]] = defaultdict(set)
    for doc, etype, key, _ in items:
        if etype == "ORG":
            orgs_by_doc[doc].add(key)
    items = _with_country(items, orgs_by_doc, aliases, find)
    orgs_by_doc = defaultdict(set)
    for doc, etype, key, _ in items:
        if etype == "ORG":
            orgs_by_doc[doc].add(key)
    for node, roots in fulls.items():
        if len(roots) == 1:
            union(roots.pop(), node)
    # then an abbreviation and the full name in the same article (工信部 and 工业和信息化部),
    # where it fits one in the corpus, once short forms stand with their full names (东航
    # abbreviates 东方航空 and 中国东方航空公司, one name by now)
    abbreviated: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for keys in orgs_by_doc.values():
        for short in keys:  # 工信部 of 工业和信息化部, 字节跳动 of 北京字节跳动科技有限公司
            expanded = {("ORG", full) for full in keys if abbreviates(short, full) or is_brand_of(short, full)}
            abbreviated[("ORG", short)] |= expanded
    for node, names in abbreviated.items():
        roots = {find(name) for name in names}
        if len(roots) == 1 and find(node) in (node, *roots):  # not where it joined another name
            union(roots.pop(), node)

    # 4. Transliteration variants (泽连斯基 / 泽伦斯基): similar pinyin, same type,
    #    never in one sentence together, and at least one neighbour in common.
    _join_transliterations(items, find, union)

    # 5. Build entities.
    root_of = {node: find(node) for node in {(etype, key) for _, etype, key, _ in items}}
    groups: dict[tuple[str, str], list[tuple[str, Mention]]] = defaultdict(list)
    for doc, etype, key, m in items:
        groups[root_of[(etype, key)]].append((doc, m))
    entities: dict[str, Entity] = {}
    root_ids: dict[tuple[str, str], str] = {}
    for root, members in groups.items():
        etype, rkey = root
        surfaces = Counter(m.text for _, m in members)
        forms: Counter = Counter()
        for text, n in surfaces.items():
            forms[display(text)] += n
        label = _canonical_label(aliases, etype, surfaces) or max(forms, key=_label_rank(forms))
        label = display(label, script)
        lkey = normalize(label)
        eid = ids.get(f"{etype}|{lkey}") or ids.setdefault(f"{etype}|{lkey}", entity_id(etype, lkey))
        ent = Entity(eid, etype, rkey, label, surfaces, docs={doc for doc, _ in members}, mentions=len(members))
        for _, m in members:
            if m.bracketed:
                ent.aliases[m.bracketed] += 0
            if m.titles:
                ent.titles.update(m.titles)
        entities[eid] = ent
        root_ids[root] = eid

    occurrences: dict[str, list[tuple[str, int, int, int]]] = defaultdict(list)
    for doc, etype, key, m in items:
        occurrences[doc].append((root_ids[root_of[(etype, key)]], m.sentence, m.start, m.end))
    for doc in occurrences:
        occurrences[doc].sort(key=lambda o: (o[2], o[3]))
    return Resolved(entities, dict(occurrences))
