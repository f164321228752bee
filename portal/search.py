"""Chinese-aware site search over SearchDocument.

Chinese has no spaces between words, so full-text engines that split on spaces
cannot find "占道" inside "早餐摊占道经营整治通知". Every document and every query is
normalised the same way (NFKC, lower case, traditional → simplified) and each query
term must occur as a substring. Synonyms kept by editors widen a term; community
names carry their pinyin and initials. The same SQL runs on SQLite and PostgreSQL.
"""

import functools
import html
import math
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Greatest, Least, Length, RowNumber
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

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
SYNONYM_CACHE_KEY = "portal:search-synonyms"
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
    table = cache.get(SYNONYM_CACHE_KEY)
    if table is None:
        table = {
            normalise(s.term): [normalise(a) for a in s.alternative_list()]
            for s in SearchSynonym.objects.all()
        }
        cache.set(SYNONYM_CACHE_KEY, table, 3600)
    return table


def forget_synonyms(**kwargs) -> None:
    cache.delete(SYNONYM_CACHE_KEY)


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


def matching(
    parsed: ParsedQuery,
    language_code: str,
    kind: str | None = None,
    community_id: int | None = None,
) -> QuerySet[SearchDocument]:
    """Documents in force today where every term (or a synonym) occurs, best first."""
    today = timezone.localdate()
    documents = SearchDocument.objects.filter(language_code=language_code).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
    )
    column = "title_text" if parsed.short else "search_text"
    whole = Q()
    for term in parsed.terms:
        condition = Q()
        for variant in term:
            condition |= Q(**{f"{column}__contains": variant})
        whole &= condition
    score = Value(0, output_field=IntegerField())
    if parsed.relaxed:
        # Pages holding every term stay first; pages holding most of the pieces
        # follow, each piece found adding to the score, more in titles.
        hits = Value(0, output_field=IntegerField())
        for piece in parsed.pieces:
            hits = hits + Case(
                When(search_text__contains=piece, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            score = score + Case(
                When(title_text__contains=piece, then=Value(5)),
                default=Value(0),
                output_field=IntegerField(),
            )
        needed = max(2, math.ceil(RELAX_SHARE * len(parsed.pieces)))
        documents = documents.alias(hits=hits).filter(whole | Q(hits__gte=needed))
        score = (
            score
            + hits * Value(10)
            + Case(
                When(whole, then=Value(200)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    else:
        documents = documents.filter(whole)
    if community_id is not None:
        documents = documents.filter(scope__contains=f",{community_id},")
    documents = documents.alias(title_length=Greatest(Length("title"), Value(1)))
    scored = parsed.variants
    if len(parsed.terms) > 1:
        scored = [*scored, parsed.text]  # the words together, in the order typed
    for variant in scored:
        # Titles starting with or holding the words rank higher, and higher still
        # the more of the title they cover ("Street vending in the way" before
        # "Street vending in Huanghe Community: update no. 12"). title_text is the
        # title followed by its keywords, so a match of the title's length at its
        # start is the whole title.
        cover = Least(
            Value(10 * len(variant), output_field=IntegerField()) / F("title_length"),
            Value(9),
        )
        score = score + Case(
            When(
                title_text__startswith=variant,
                title_length=len(variant),
                then=Value(100),
            ),
            When(title_text__startswith=variant, then=Value(20) + cover),
            When(title_text__contains=variant, then=Value(10) + cover),
            default=Value(0),
            output_field=IntegerField(),
        )
    filtered = documents.annotate(score=score)
    if kind:
        filtered = filtered.filter(kind=kind)
    # Undated list items before dated pages of the same score, alike on SQLite and
    # PostgreSQL (which otherwise put NULLs at opposite ends).
    return filtered.order_by("-score", F("date").desc(nulls_first=True), "pk")


def find(
    parsed: ParsedQuery, language_code: str, community_id: int | None = None
) -> tuple[ParsedQuery, QuerySet[SearchDocument], dict[str, int]]:
    """Matching documents of every type and their number per type.

    When few pages hold a long query whole, the query is relaxed (see relax()) and the
    returned ParsedQuery says so.
    """
    documents = matching(parsed, language_code, community_id=community_id)
    counts = count_by_kind(documents)
    relaxed = relax(parsed)
    if _too_few(parsed, relaxed, counts):
        parsed = relaxed
        documents = matching(parsed, language_code, community_id=community_id)
        counts = count_by_kind(documents)
    return parsed, documents, counts


def find_best(
    parsed: ParsedQuery,
    language_code: str,
    per_kind: int,
    community_id: int | None = None,
) -> tuple[ParsedQuery, list[SearchDocument], dict[str, int]]:
    """As find(), but only the best `per_kind` documents of each type, fetched with
    their number per type in the same query."""

    def best_and_counts(parsed):
        documents = matching(parsed, language_code, community_id=community_id)
        best = best_of_each_kind(documents, per_kind)
        return best, {doc.kind: doc.kind_total for doc in best}

    best, counts = best_and_counts(parsed)
    relaxed = relax(parsed)
    if _too_few(parsed, relaxed, counts):
        parsed = relaxed
        best, counts = best_and_counts(parsed)
    return parsed, best, counts


def _too_few(
    parsed: ParsedQuery, relaxed: ParsedQuery | None, counts: dict[str, int]
) -> bool:
    """Whether to search again with the relaxed query: nothing found, or few pages
    holding a long phrase whole."""
    total = sum(counts.values())
    phrase = len(CJK.findall(parsed.text)) >= PHRASE_LENGTH
    return relaxed is not None and (total == 0 or (phrase and total < RELAX_BELOW))


def best_of_each_kind(
    documents: QuerySet[SearchDocument], per_kind: int
) -> list[SearchDocument]:
    """The first `per_kind` documents of each type, in one query, best first; each
    with `kind_total`, how many documents of its type match."""
    ranked = documents.annotate(
        kind_total=Window(Count("pk"), partition_by=F("kind")),
        place=Window(
            RowNumber(),
            partition_by=F("kind"),
            order_by=[
                F("score").desc(),
                F("date").desc(nulls_first=True),
                F("pk").asc(),
            ],
        ),
    )
    return list(ranked.filter(place__lte=per_kind))


def rank_key(document: SearchDocument) -> tuple:
    """The order matching() sorts in, for documents already fetched."""
    date = document.date.timestamp() if document.date else float("inf")
    return (-document.score, -date, document.pk)


def count_by_kind(documents: QuerySet[SearchDocument]) -> dict[str, int]:
    return dict(documents.order_by().values_list("kind").annotate(n=Count("pk")))


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
