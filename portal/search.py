"""Chinese-aware site search over SearchDocument.

Chinese has no spaces between words, so full-text engines that split on spaces
cannot find "占道" inside "早餐摊占道经营整治通知". Every document and every query is
normalised the same way (NFKC, lower case, traditional → simplified) and each query
term must occur as a substring. Synonyms kept by editors widen a term; community
names carry their pinyin and initials. The same SQL runs on SQLite and PostgreSQL.
"""

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from portal.models import SearchDocument, SearchSynonym

MAX_TERMS = 8
MAX_QUERY_LENGTH = 100
SYNONYM_CACHE_KEY = "portal:search-synonyms"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
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
    return " ".join(dict.fromkeys(k for k in keywords if k.isascii()))


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

    @property
    def empty(self) -> bool:
        return not self.terms

    @property
    def variants(self) -> list[str]:
        return [variant for term in self.terms for variant in term]


def parse(query: str) -> ParsedQuery:
    text = normalise(query[:MAX_QUERY_LENGTH])
    parts = [part for part in SPLIT.split(text) if part][:MAX_TERMS]
    table = synonyms()
    terms = []
    for part in parts:
        variants = [part]
        for word, alternatives in table.items():
            if word == part:
                variants += alternatives
            elif word in part:
                variants += [part.replace(word, alt) for alt in alternatives]
        terms.append(list(dict.fromkeys(variants)))
    short = len(parts) == 1 and len(parts[0]) == 1
    return ParsedQuery(text=text, terms=terms, short=short)


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
    for term in parsed.terms:
        condition = Q()
        for variant in term:
            condition |= Q(**{f"{column}__contains": variant})
        documents = documents.filter(condition)
    if community_id is not None:
        documents = documents.filter(scope__contains=f",{community_id},")
    score = Value(0, output_field=IntegerField())
    for variant in parsed.variants:
        score = score + Case(
            When(title_text=variant, then=Value(100)),
            When(title_text__startswith=variant, then=Value(20)),
            When(title_text__contains=variant, then=Value(10)),
            default=Value(0),
            output_field=IntegerField(),
        )
    filtered = documents.annotate(score=score)
    if kind:
        filtered = filtered.filter(kind=kind)
    return filtered.order_by("-score", "-date", "pk")


def highlight(text: str, parsed: ParsedQuery, width: int = 80) -> SafeString:
    """A window of `text` around the first match, with every match in <mark>."""
    plain = normalise(text)
    if len(plain) != len(text):
        text = plain
    positions = [plain.find(v) for v in parsed.variants if v and plain.find(v) >= 0]
    start = max(min(positions) - width // 3, 0) if positions else 0
    window = text[start : start + width]
    window_plain = plain[start : start + width]
    spans: list[tuple[int, int]] = []
    for variant in sorted(set(parsed.variants), key=len, reverse=True):
        for found in re.finditer(re.escape(variant), window_plain):
            a, b = found.span()
            if all(b <= s or a >= e for s, e in spans):
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
