"""The English catalogue uses the glossary's English term wherever the Chinese
catalogue uses its Chinese term (docs/glossary.md), so one Chinese term never reads
as two English ones, nor two Chinese terms as one English one."""

import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs/glossary.md"
ZH = ROOT / "portal/locale/zh_Hans/LC_MESSAGES/django.po"
EN = ROOT / "portal/locale/en/LC_MESSAGES/django.po"
ROW = re.compile(r"^\| (?P<zh>[^|†]+?)(?P<unchecked> †)? \| (?P<en>[^|]+?) \|")


def glossary() -> list[tuple[str, str, bool]]:
    """(Chinese, English, checked) for every row of the glossary's tables."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match and match["zh"] not in ("中文", "---"):
            rows.append((match["zh"], match["en"], not match["unchecked"]))
    return rows


def uses(english_text: str, term: str) -> bool:
    """Whether the English text uses the term in any case and form (a word may
    take -s, -es, -ed or -ing), with a space or a hyphen between its words."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", term.lower())]
    pattern = r"[\s-]+".join(word + r"(s|es|ed|ing)?" for word in words)
    return re.search(pattern, english_text.lower()) is not None


def departures() -> list[str]:
    """Each message whose Chinese uses a checked term and whose English does not use
    the term's English, as "中文 → English: message"."""
    english = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgid
        for entry in polib.pofile(str(EN))
        if not entry.obsolete
    }
    terms = glossary()
    found = []
    for entry in polib.pofile(str(ZH)):
        if entry.obsolete or not entry.msgstr:
            continue
        text = english.get((entry.msgctxt, entry.msgid), entry.msgid)
        for chinese, term, checked in terms:
            if not checked or chinese not in entry.msgstr:
                continue
            # A longer glossary term holding this one is checked as itself.
            longer = [
                other
                for other, _term, _checked in terms
                if chinese in other and other != chinese and other in entry.msgstr
            ]
            if longer:
                continue
            if not uses(text, term):
                found.append(f"{chinese} → {term}: {text!r}")
    return found


def test_the_glossary_gives_each_chinese_term_one_english_term():
    rows = glossary()
    assert len(rows) >= 40
    english_of: dict[str, set[str]] = {}
    for chinese, term, _checked in rows:
        english_of.setdefault(chinese, set()).add(term)
    assert {c: t for c, t in english_of.items() if len(t) > 1} == {}
    for required in ("职责清单", "立即办", "协调办", "上报办", "吹哨报到", "门前三包"):
        assert required in english_of, required


def test_the_english_catalogue_uses_the_glossary_terms():
    assert departures() == []
