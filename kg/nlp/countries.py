"""Country and territory names in Chinese, from the Unicode CLDR (through Babel).

Mainland, Taiwan and Hong Kong news name many countries differently (澳大利亚 / 澳洲,
新西兰 / 紐西蘭, 朝鲜 / 北韓, 老挝 / 寮國). CLDR lists each territory's name in each of
these usages, so resolution can join them and knows that they are places whatever the
model typed them (it read 黎巴嫩 as a person in 访问黎巴嫩首都贝鲁特).
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

from kg.nlp.normalize import T2S

# Locales whose names are read: mainland first, so its name is the one shown.
_LOCALES = ("zh", "zh_Hant", "zh_Hant_HK")
# CLDR codes that are not places (the UN, the EU, the euro area, unknown or pseudo regions).
_NOT_PLACES = {"UN", "EU", "EZ", "ZZ", "XA", "XB", "QO"}
# Names that news uses for something else as well: 乔治亚 is also the US state (佐治亚),
# 查德 a given name (Chad), 狮子山 a hill in Hong Kong, 黑山 a county in Liaoning,
# 中非 China and Africa (中非合作), 哈萨克 and 塔吉克 peoples as well as countries.
_AMBIGUOUS = frozenset({"乔治亚", "查德", "狮子山", "黑山", "中非", "哈萨克", "塔吉克"})


@lru_cache(maxsize=1)
def country_names() -> dict[str, list[str]]:
    """Mainland name -> every other Simplified-script name of the same country or
    territory (Taiwan's and Hong Kong's usage), for the two-letter CLDR territories."""
    names: dict[str, list[str]] = {}
    for locale in _LOCALES:
        for code, name in Locale.parse(locale).territories.items():
            if not code.isalpha() or code in _NOT_PLACES:
                continue
            names.setdefault(code, [])
            simplified = T2S.convert(name)
            if simplified not in names[code]:
                names[code].append(simplified)
    return {
        forms[0]: [f for f in forms[1:] if f not in _AMBIGUOUS]
        for forms in names.values()
        if forms[0] not in _AMBIGUOUS
    }


@lru_cache(maxsize=1)
def _by_first_character() -> dict[str, tuple[str, ...]]:
    """Every usage's name of two or more characters, by first character, longest first."""
    table: dict[str, list[str]] = {}
    for mainland, others in country_names().items():
        for name in (mainland, *others):
            if len(name) >= 2 and name not in table.get(name[0], ()):
                table.setdefault(name[0], []).append(name)
    return {ch: tuple(sorted(names, key=len, reverse=True)) for ch, names in table.items()}


def opening_country(name: str) -> str | None:
    """The longest country name (any usage, Simplified) that ``name`` opens with: 美国 of
    美国夏威夷, 以色列 of 以色列国防军."""
    return next((c for c in countries_starting_with(name[:1]) if name.startswith(c)), None)


def countries_starting_with(ch: str) -> tuple[str, ...]:
    """Every usage's country name of two or more characters that starts with ``ch``."""
    return _by_first_character().get(ch, ())
