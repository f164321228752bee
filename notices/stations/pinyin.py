"""How residents find a station by name: in characters, in pinyin or by initials
('黄河', 'huanghe', 'hh'), and the pinyin slugs of imported and demo pages."""

import re

from pypinyin import Style, lazy_pinyin


def normalise_query(text: str) -> str:
    """Lower case without spaces or apostrophes: 'Huang He', "huang'he" → 'huanghe'."""
    return re.sub(r"[\s'’\-·]+", "", text.strip().lower())


def pinyin_forms(name: str) -> tuple[str, str]:
    """Full pinyin and initials of a name: '黄河社区' → ('huangheshequ', 'hhsq')."""
    full = normalise_query("".join(lazy_pinyin(name)))
    initials = normalise_query("".join(lazy_pinyin(name, style=Style.FIRST_LETTER)))
    return full, initials


def pinyin_slug(name: str) -> str:
    """A URL slug from a Chinese name: '黄河社区' → 'huang-he-she-qu'."""
    syllables = [re.sub(r"[^a-z0-9]+", "", part.lower()) for part in lazy_pinyin(name)]
    return "-".join(part for part in syllables if part)[:80] or "station"


def build_search_terms(*names: str) -> str:
    """What directory search matches: each name as written, in pinyin and initials."""
    parts: list[str] = []
    for name in names:
        if not name:
            continue
        full, initials = pinyin_forms(name)
        parts.extend([normalise_query(name), full, initials])
    return "|".join(dict.fromkeys(part for part in parts if part))[:1000]
