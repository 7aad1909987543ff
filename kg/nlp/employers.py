"""The name before a company role and a person is the company: 鸿海董事长刘扬伟.

News introduces executives as organisation, role, person (鸿海董事长刘扬伟, 英伟达首席执行官
黄仁勋). A short company name with no company word in it (鸿海, 德勤) looks like a
person's name to the model; the role between two names says which one is the company.
Roles that only companies and institutions have are used, not 总统 or 主席, which follow
countries and parties too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.nlp.normalize import simplified_in_place

if TYPE_CHECKING:
    from kg.nlp.extract import Mention

_ROLE = re.compile("董事长|董事会主席|首席执行官|执行长|总裁|总经理|行长|社长|创始人")
_WINDOW = 6  # the longest role


def type_employers(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions with a person's span right before a company role that a person's span
    follows (鸿海 in 鸿海董事长刘扬伟) typed as an organisation."""
    out = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = {m.start for m in out if m.label == "PERSON"}
    for i, m in enumerate(out):
        if m.label != "PERSON":
            continue
        role = _ROLE.match(simplified_in_place(text[m.end : m.end + _WINDOW]))
        if role and m.end + role.end() in starts:
            out[i] = replace(m, label="ORG", titles=[])
    return out
