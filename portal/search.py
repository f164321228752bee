"""Chinese-aware site search over SearchDocument.

Chinese has no spaces between words, so full-text engines that split on spaces
cannot find "占道" inside "早餐摊占道经营整治通知". Every document and every query is
normalised the same way (NFKC, lower case, traditional → simplified) and each query
term must occur as a substring. Synonyms kept by editors widen a term; community
names carry their pinyin and initials. Documents are matched and ranked in the
process, against a copy of the index kept until documents change, the same on
SQLite and PostgreSQL (see ranked()).
"""

import functools
import html
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from portal.lookups import forget_all, remembered
from portal.models import SearchDocument, SearchSynonym

MAX_TERMS = 8
MAX_QUERY_LENGTH = 100
# A query of four or more Chinese characters that finds nothing, or a phrase of
# PHRASE_LENGTH or more that finds fewer than RELAX_BELOW pages, also accepts pages
# containing most of its two-character pieces (see relax()).
RELAX_BELOW = 3
PHRASE_LENGTH = 6
RELAX_SHARE = 0.6
MAX_PIECES = 16
# Question words residents type around what they look for ("怎么预约装修垃圾清运").
FILLER_WORDS = (
    "为什么", "怎么办", "怎么样", "能不能", "有没有", "怎么", "怎样", "如何", "哪里",
    "哪儿", "在哪", "什么", "可以", "是否", "请问", "我家", "有人", "吗", "呢", "吧",
    "的", "了",
)  # fmt: skip
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
JOINER = re.compile(r"(?<=[0-9a-z])[.:/+-](?=[0-9a-z])")
PROTECTED = {".": "\ue000", ":": "\ue001", "/": "\ue002", "-": "\ue003", "+": "\ue004"}
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
SPLIT = re.compile(
    r"[\s,.;:!?'\"()\[\]{}<>/\\|+=*&^%$#@~`,。;:!?、“”‘’()《》【】·—…-]+"
)


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """The form both documents and queries are compared in."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    if CJK.search(text):
        text = _converter().convert(text)
    return re.sub(r"\s+", " ", text).strip()


def pinyin_keywords(name: str) -> str:
    """'黄河社区' → 'huanghe huang he hh huangheshequ hhsq' style keywords."""
    from pypinyin import Style, lazy_pinyin

    words = [name]
    for suffix in ("社区", "街道", "居委会", "工作站", "村"):
        if name.endswith(suffix) and len(name) > len(suffix):
            words.append(name[: -len(suffix)])
    keywords = []
    for word in words:
        syllables = lazy_pinyin(word)
        initials = lazy_pinyin(word, style=Style.FIRST_LETTER)
        keywords += ["".join(syllables), " ".join(syllables), "".join(initials)]
    # Separated by " / " so that a query cannot match across two of them.
    return " / ".join(dict.fromkeys(k for k in keywords if k.isascii()))


def synonyms() -> dict[str, list[str]]:
    """The editors' synonyms, remembered until content changes (a synonym saved is
    a content change)."""
    return remembered(
        "search-synonyms",
        lambda: {
            normalise(s.term): [normalise(a) for a in s.alternative_list()]
            for s in SearchSynonym.objects.all()
        },
    )


def forget_synonyms() -> None:
    """Synonyms were written in bulk, which sends no signal (a synonym saved moves
    the content generation on by itself: portal.lookups.on_model_change)."""
    forget_all()


@dataclass
class ParsedQuery:
    text: str
    terms: list[list[str]] = field(default_factory=list)  # each term: its variants
    short: bool = False  # only one character: titles only
    pieces: list[str] = field(default_factory=list)  # for relaxed matching
    relaxed: bool = False  # matching most pieces, not every term

    @property
    def empty(self) -> bool:
        return not self.terms

    @property
    def variants(self) -> list[str]:
        return [variant for term in self.terms for variant in term]

    @property
    def marks(self) -> list[str]:
        """What to highlight in a snippet."""
        return self.variants + (self.pieces if self.relaxed else [])


def split_words(text: str) -> list[str]:
    """Words of a normalised query. Punctuation separates words, except ". : / + -"
    between letters or digits: "22:30", "2025-03-01", "sr-01", "1+n+x" and "e-bike"
    stay whole (private-use characters stand in for them while splitting)."""
    kept = JOINER.sub(lambda m: PROTECTED[m.group()], text)
    restore = {value: key for key, value in PROTECTED.items()}
    words = [word for word in SPLIT.split(kept) if word]
    return [re.sub("[\ue000-\ue004]", lambda m: restore[m.group()], w) for w in words]


def parse(query: str) -> ParsedQuery:
    text = normalise(query[:MAX_QUERY_LENGTH])
    parts = split_words(text)[:MAX_TERMS]
    table = synonyms()
    terms = []
    for part in parts:
        variants = [part]
        if "-" in part:  # "e-bike" also finds "e bike" and "ebike"
            variants += [part.replace("-", " "), part.replace("-", "")]
        for word, alternatives in table.items():
            if word == part:
                variants += alternatives
            elif word in part:
                variants += [part.replace(word, alt) for alt in alternatives]
        terms.append(list(dict.fromkeys(variants)))
    short = len(parts) == 1 and len(parts[0]) == 1
    if short and not CJK.match(parts[0]):
        terms = []  # one letter or digit would list nearly every title: ask for more
    return ParsedQuery(text=text, terms=terms, short=short, pieces=pieces_of(parts))


def pieces_of(parts: list[str]) -> list[str]:
    """Overlapping two-character pieces of the Chinese in a query, plus its other
    words: "怎么预约装修垃圾清运" → 预约, 约装, 装修, 修垃, 垃圾, 圾清, 清运.

    Empty unless some part has four or more Chinese characters: shorter words are
    matched whole or not at all.
    """
    if not any(len("".join(CJK_RUN.findall(part))) >= 4 for part in parts):
        return []
    pieces: list[str] = []
    for part in parts:
        for word in FILLER_WORDS:
            part = part.replace(word, " ")
        for chunk in part.split():
            position = 0
            for run in CJK_RUN.finditer(chunk):
                other = chunk[position : run.start()]
                if len(other) >= 2:
                    pieces.append(other)
                text = run.group()
                pieces += [text[i : i + 2] for i in range(max(len(text) - 1, 1))]
                position = run.end()
            if len(chunk[position:]) >= 2:
                pieces.append(chunk[position:])
    pieces = [piece for piece in dict.fromkeys(pieces) if len(piece) >= 2]
    return pieces[:MAX_PIECES]


def relax(parsed: ParsedQuery) -> ParsedQuery | None:
    """The same query matched loosely, or None if it has nothing to loosen."""
    if len(parsed.pieces) < 2:
        return None
    return ParsedQuery(
        text=parsed.text, terms=parsed.terms, pieces=parsed.pieces, relaxed=True
    )


class Match(NamedTuple):
    """A matching document: how it sorts (best first) and its row of the index copy."""

    sort_score: int  # the score, negated: tuples of matches sort best first
    date_order: float
    pk: int  # unique: what follows is never compared
    kind: str
    entry: tuple


@dataclass
class Result:
    """A document as the results page shows it (read from the index copy)."""

    pk: int
    kind: str
    url: str
    title: str
    summary: str
    snippet: str = ""
    kind_label: str = ""


def index_changed(**kwargs) -> None:
    """Documents were written: the next search reads the index again. The corpus is
    a remembered lookup, so the content generation moves on once the transaction
    commits (as for any content change)."""
    forget_all()


def corpus(language_code: str) -> tuple[tuple, ...]:
    """The index in one language, as tuples to match against and show: pk, type,
    title text, search text, title length, date order (undated first, then the
    newest), communities, in force from, until, address, title, summary.
    Remembered until documents or content change (about 1.5 MB for 3,300
    documents); a tuple of tuples of plain values, so that each process holds it
    as it is instead of unpickling it for every search (portal/cache.py)."""

    def build() -> tuple[tuple, ...]:
        rows = SearchDocument.objects.filter(language_code=language_code)
        return tuple(
            (pk, kind, title_text, search_text, max(len(title), 1),
             -date.timestamp() if date else -math.inf, scope or "",
             valid_from, valid_until, url, title, summary)
            for pk, kind, title, title_text, search_text, date, scope, valid_from,
            valid_until, url, summary in rows.values_list(
                "pk", "kind", "title", "title_text", "search_text", "date", "scope",
                "valid_from", "valid_until", "url", "summary",
            )
        )  # fmt: skip

    # The name carries the tuple's layout: a new layout never reads an old one.
    return remembered("search-corpus-4", build, language_code)


def ranked(
    parsed: ParsedQuery, entries: Sequence[tuple], community_id: int | None = None
) -> list[Match]:
    """Documents in force today where every term (or a synonym) occurs, best first.

    Matched in the process, not in the database: a two-character Chinese term
    ("占道") is a substring no database index serves, so the database read every
    document for every search. Scores: a title that is the words scores 100; one
    starting with them 20, holding them 10, plus up to 9 the more of the title they
    cover (for each variant, and for several words together in the order typed);
    relaxed, each piece found adds 10 (5 more in the title) and holding every term
    200. Ties: undated list items first, then the newest, then the oldest document.
    `entries`: corpus() of the language searched.
    """
    if parsed.empty:
        return []
    today = timezone.localdate()
    place = f",{community_id}," if community_id is not None else None
    terms, pieces, relaxed = parsed.terms, parsed.pieces, parsed.relaxed
    scored = parsed.variants
    if len(terms) > 1:
        scored = [*scored, parsed.text]
    needed = max(2, math.ceil(RELAX_SHARE * len(pieces)))
    rest = terms  # the terms still to look for in each entry
    if not relaxed:
        # What holds the first term, in one pass: most documents stop here.
        column = 2 if parsed.short else 3
        first, rest = terms[0], terms[1:]
        if len(first) == 1:
            entries = [e for e in entries if first[0] in e[column]]
        else:
            entries = [e for e in entries if any(v in e[column] for v in first)]
    matches = []
    for entry in entries:
        pk, kind, title_text, search_text, length, order = entry[:6]
        text = title_text if parsed.short else search_text
        whole = not rest or all(any(v in text for v in term) for term in rest)
        if not whole and not relaxed:
            continue
        scope, start, until = entry[6:9]
        if (start is not None and start > today) or (
            until is not None and until < today
        ):
            continue
        if place is not None and place not in scope:
            continue
        score = 0
        if relaxed:
            found = sum(1 for piece in pieces if piece in search_text)
            if not whole and found < needed:
                continue
            in_title = sum(5 for piece in pieces if piece in title_text)
            score = in_title + 10 * found + (200 if whole else 0)
        for variant in scored:
            if title_text.startswith(variant):
                if length == len(variant):
                    score += 100
                else:
                    score += 20 + min(10 * len(variant) // length, 9)
            elif variant in title_text:
                score += 10 + min(10 * len(variant) // length, 9)
        matches.append(Match(-score, order, pk, kind, entry))
    matches.sort()
    return matches


def find(
    parsed: ParsedQuery, language_code: str, community_id: int | None = None
) -> tuple[ParsedQuery, list[Match], dict[str, int]]:
    """Matching documents of every type, best first, and their number per type.

    When few pages hold a long query whole, the query is relaxed (see relax()) and the
    returned ParsedQuery says so.
    """
    entries = corpus(language_code)
    matches = ranked(parsed, entries, community_id)
    counts = count_by_kind(matches)
    relaxed = relax(parsed)
    if _too_few(parsed, relaxed, counts):
        parsed = relaxed
        matches = ranked(parsed, entries, community_id)
        counts = count_by_kind(matches)
    return parsed, matches, counts


def best_of_each_kind(matches: list[Match], per_kind: int) -> list[Match]:
    """The first `per_kind` matches of each type, best first."""
    taken: Counter = Counter()
    best = []
    for match in matches:
        if taken[match.kind] < per_kind:
            taken[match.kind] += 1
            best.append(match)
    return best


def documents(matches: list[Match]) -> list[Result]:
    """The results to show for these matches, in their order (no query: the index
    copy holds what the page shows)."""
    return [
        Result(
            pk=match.pk,
            kind=match.kind,
            url=match.entry[9],
            title=match.entry[10],
            summary=match.entry[11],
        )
        for match in matches
    ]


def _too_few(
    parsed: ParsedQuery, relaxed: ParsedQuery | None, counts: dict[str, int]
) -> bool:
    """Whether to search again with the relaxed query: nothing found, or few pages
    holding a long phrase whole."""
    total = sum(counts.values())
    phrase = len(CJK.findall(parsed.text)) >= PHRASE_LENGTH
    return relaxed is not None and (total == 0 or (phrase and total < RELAX_BELOW))


def count_by_kind(matches: list[Match]) -> dict[str, int]:
    return dict(Counter(match.kind for match in matches))


def highlight(text: str, parsed: ParsedQuery, width: int = 80) -> SafeString:
    """A window of `text` around the first match, with every match in <mark>."""
    plain = normalise(text)
    if len(plain) != len(text):
        text = plain
    marks = parsed.marks
    positions = [plain.find(v) for v in marks if v and plain.find(v) >= 0]
    start = max(min(positions) - width // 3, 0) if positions else 0
    window = text[start : start + width]
    window_plain = plain[start : start + width]
    found = sorted(
        match.span()
        for variant in set(marks)
        if variant
        for match in re.finditer(re.escape(variant), window_plain)
    )
    spans: list[tuple[int, int]] = []
    for a, b in found:  # overlapping matches ("装修", "修垃", "垃圾") make one mark
        if spans and a < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
        else:
            spans.append((a, b))
    pieces, cursor = [], 0
    for a, b in sorted(spans):
        pieces.append(html.escape(window[cursor:a]))
        pieces.append(f"<mark>{html.escape(window[a:b])}</mark>")
        cursor = b
    pieces.append(html.escape(window[cursor:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 (escaped above)
