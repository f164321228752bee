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
from dataclasses import dataclass, field, replace
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
# Likewise a query of this many words in Latin letters ("rubbish not collected"):
# one notice holding all three must not hide the duty item titled with two of them.
LATIN_PHRASE_WORDS = 3
RELAX_SHARE = 0.6
MAX_PIECES = 16
# What the bureau keeps standing (its lists, stations, teams and meetings) ranks
# above dated news holding the words as well: added to each match of theirs.
KIND_WEIGHT = {
    "duty": 20, "catalogue": 20, "station": 20, "volunteer": 20, "roundtable": 20,
    "convenience": 20, "event": 5,
}  # fmt: skip
# Words residents type around what they look for ("怎么预约装修垃圾清运", "油烟扰民
# 怎么办", "哪里可以投诉噪音"): removed before matching, longest first.
FILLER_WORDS = (
    "为什么", "怎么办", "怎么样", "能不能", "有没有", "怎么弄", "找谁", "去哪里",
    "去哪儿", "谁来管", "谁管", "管不管", "可不可以", "怎么", "怎样", "如何", "哪里",
    "哪儿", "哪个", "在哪", "什么", "可以", "是否", "请问", "我家", "我们", "我要",
    "我想", "想要", "有人", "需要", "应该", "一下", "打电话", "电话多少", "多少",
    "吗", "呢", "吧", "啊", "呀", "的", "了", "么",
    # Where and how often, said around the thing itself ("楼下天天有人乱摆摊").
    "小区里", "楼下", "家门口", "门口", "附近", "旁边", "隔壁", "对面", "这里",
    "那里", "老是", "总是", "经常", "天天", "每天", "太多", "太大", "很多", "严重",
    "一直", "有个", "一些",
)  # fmt: skip
# English words that say nothing about what is looked for.
STOP_WORDS = frozenset(
    "a an the of in on at to for from by with and or is are was be can do does how "
    "what where when who why which my our your i we me there it its this that "
    "about get report near".split()
)
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
JOINER = re.compile(r"(?<=[0-9a-z])[.:/+-](?=[0-9a-z])")
PROTECTED = {".": "\ue000", ":": "\ue001", "/": "\ue002", "-": "\ue003", "+": "\ue004"}
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
SPLIT = re.compile(
    r"[\s,.;:!?'\"()\[\]{}<>/\\|+=*&^%$#@~`,。;:!?、“”‘’()《》【】·—…-]+"
)
# A code as residents type it: "sr01", "SR 01", "sr-1" all mean "sr-01".
CODE = re.compile(r"^([a-z]{1,4})-?(\d{1,3})$")
SPACED_CODE = re.compile(r"\b([a-z]{1,4}) (\d{1,3})\b")
# A phone number with or without area code, brackets, dashes or spaces:
# "0516-8010001", "(0516) 801 0001", "+86 0516 8010001".
PHONE = re.compile(
    r"(?<![\d])(?:\+?86[\s-]?)?\(?\d{3,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,5}(?!\d)"
)
# Symbols, emoji and control characters: never part of a word.
NOT_TEXT = {"So", "Sk", "Sm", "Cc", "Cf", "Cs", "Co", "Cn"}


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """The form both documents and queries are compared in."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    if any(unicodedata.category(ch) in NOT_TEXT for ch in text):
        text = "".join(
            " " if unicodedata.category(ch) in NOT_TEXT and ch not in "+" else ch
            for ch in text
        )
    if CJK.search(text):
        text = _converter().convert(text)
    return re.sub(r"\s+", " ", text).strip()


def phone_digits(text: str) -> list[str]:
    """Phone numbers in `text` as bare digits ("0516-8010001" → "05168010001"), so
    a number typed with or without area code, dashes or spaces finds them."""
    found = []
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if digits.startswith("86") and len(digits) > 11:
            digits = digits[2:]
        if len(digits) >= 7:
            found.append(digits)
    return found


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


def title_pinyin(title: str) -> str:
    """Pinyin and initials of the Chinese in any title ("早餐摊占道经营整治通知" →
    "zaocantanzhandaojingyingzhengzhitongzhi / zctzdjyzztz"). Syllables typed with
    spaces are separate words, each found in the joined form."""
    from pypinyin import Style, lazy_pinyin

    chinese = "".join(CJK_RUN.findall(title))
    if not chinese:
        return ""
    joined = "".join(lazy_pinyin(chinese))
    initials = "".join(lazy_pinyin(chinese, style=Style.FIRST_LETTER))
    return f"{joined} / {initials}" if joined.isascii() else ""


def stem(word: str) -> str:
    """A crude English stem that still occurs in the other forms of the word
    ("vendors" → "vendor", "charging" → "charg", "abandoned" → "abandon"): matching
    is by substring, so a stem finds "vending", "charge" and "abandoned" alike."""
    if not word.isascii() or not word.isalpha() or len(word) <= 4:
        return word
    for ending in ("ing", "ies", "es", "ed", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def synonyms() -> dict[str, list[str]]:
    """The editors' synonyms, remembered until content changes (a synonym saved is
    a content change). A word written with a filler word in it ("垃圾满了") is also
    kept under what is left once the filler goes, as a query is read ("小区垃圾满了"
    → "垃圾满")."""

    def build() -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        for synonym in SearchSynonym.objects.all():
            term = normalise(synonym.term)
            found = [normalise(a) for a in synonym.alternative_list()]
            table[term] = found
            table.setdefault(strip_fillers(term), found)
        return table

    return remembered("search-synonyms-2", build)


@dataclass
class ParsedQuery:
    text: str
    terms: list[list[str]] = field(default_factory=list)  # each term: its variants
    short: bool = False  # only one character: titles only
    pieces: list[str] = field(default_factory=list)  # for relaxed matching
    relaxed: bool = False  # matching most pieces, not every term
    # Terms of a query with words in Latin letters: relaxed, pages holding some of
    # them are listed too, those holding more first.
    loose_terms: list[list[str]] = field(default_factory=list)
    corrected: bool = False  # a term was widened to close spellings (see correct())
    # Only common English words ("how to", "where is the"): nothing to look for.
    only_common_words: bool = False

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


def strip_fillers(part: str) -> str:
    """A part without the question words around its content ("噪音扰民怎么办" →
    "噪音扰民"); the part as it was if nothing else is left."""
    if not CJK.search(part):
        return part
    stripped = part
    for word in FILLER_WORDS:
        stripped = stripped.replace(word, " ")
    words = stripped.split()
    return " ".join(words) if words else part


def variants_of(part: str, table: dict[str, list[str]]) -> list[str]:
    """A word and what else finds the same: hyphen-free forms, codes written
    another way, an English stem, the editors' synonyms (of the word, of its stem,
    or of a word inside it)."""
    variants = [part]
    if "-" in part:  # "e-bike" also finds "e bike" and "ebike"
        variants += [part.replace("-", " "), part.replace("-", "")]
    code = CODE.match(part)
    if code and not part.isdigit():
        letters, number = code.groups()
        variants += [f"{letters}-{number.zfill(2)}", f"{letters}{number.zfill(2)}"]
    stemmed = stem(part)
    if stemmed != part:
        variants.append(stemmed)
    for word, alternatives in table.items():
        if word in (part, stemmed):
            variants += alternatives
        elif len(word) >= 2 and CJK.search(word) and word in part:
            variants += [part.replace(word, alt) for alt in alternatives]
    if part.isascii():  # English synonyms are matched by their stems too
        variants += [stem(v) for v in variants if " " not in v]
    return list(dict.fromkeys(variants))


def parse(query: str) -> ParsedQuery:
    text = normalise(query[:MAX_QUERY_LENGTH])
    # A phone number is one word, whatever separated its digits.
    text = PHONE.sub(lambda m: " " + "".join(phone_digits(m.group())) + " ", text)
    text = SPACED_CODE.sub(r"\1-\2", text).strip()
    table = synonyms()
    raw_parts = split_words(text)
    parts: list[str] = []
    index = 0
    while index < len(raw_parts):  # two English words an editor keeps as one
        pair = " ".join(raw_parts[index : index + 2])
        if index + 1 < len(raw_parts) and pair in table:
            parts.append(pair)
            index += 2
            continue
        parts.append(raw_parts[index])
        index += 1
    cleaned = []
    for part in parts:
        if part.isascii() and part in STOP_WORDS and len(parts) > 1:
            continue
        # An editor's word is kept whole, as typed or once its fillers are gone
        # ("店门口摆怎么办" → "店 摆", the key synonyms() keeps for "店门口摆").
        stripped = strip_fillers(part)
        if part in table or stripped in table:
            cleaned.append(part if part in table else stripped)
        else:
            cleaned += stripped.split()
    only_common = bool(parts) and not cleaned
    parts = cleaned[:MAX_TERMS]
    terms = [variants_of(part, table) for part in parts]
    short = len(parts) == 1 and len(parts[0]) == 1
    if short and not CJK.match(parts[0]):
        terms = []  # one letter or digit would list nearly every title: ask for more
    loose = terms if len(terms) > 1 and any(p.isascii() for p in parts) else []
    return ParsedQuery(
        text=text,
        terms=terms,
        short=short,
        pieces=pieces_of(parts),
        loose_terms=loose,
        only_common_words=only_common,
    )


def pieces_of(parts: list[str]) -> list[str]:
    """Overlapping two-character pieces of the Chinese in a query, plus its other
    words: "预约装修垃圾清运" → 预约, 约装, 装修, 修垃, 垃圾, 圾清, 清运.

    Empty unless some part has four or more Chinese characters: shorter words are
    matched whole or not at all.
    """
    if not any(len("".join(CJK_RUN.findall(part))) >= 4 for part in parts):
        return []
    pieces: list[str] = []
    for chunk in parts:
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
    if len(parsed.pieces) < 2 and not parsed.loose_terms:
        return None
    return replace(parsed, relaxed=True)


def lexicon(language_code: str) -> tuple[str, frozenset[str]]:
    """The Chinese runs of every title and synonym, one a line, and the Latin words
    of every title: what a misspelt word is compared with (see correct())."""

    def build() -> tuple[str, frozenset[str]]:
        runs: set[str] = set()
        words: set[str] = set()
        for entry in corpus(language_code):
            title = entry[2]
            runs.update(CJK_RUN.findall(title))
            words.update(w for w in re.findall(r"[a-z]{4,}", title))
        for term, alternatives in synonyms().items():
            for text in (term, *alternatives):
                runs.update(CJK_RUN.findall(text))
                words.update(re.findall(r"[a-z]{4,}", text))
        return "\n".join(sorted(runs)), frozenset(words)

    return remembered("search-lexicon-1", build, language_code)


def one_letter_apart(word: str, other: str) -> bool:
    """One letter changed, added, dropped or two swapped."""
    if abs(len(word) - len(other)) > 1 or word == other:
        return False
    if len(word) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == other[diff[1]]
            and word[diff[1]] == other[diff[0]]
        )
    short, long = sorted((word, other), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def close_spellings(term: str, language_code: str) -> list[str]:
    """Words of the titles one character away from `term`: a Chinese word of three
    or more characters with any one character wrong ("占到经营" → "占道经营"), of
    two characters with one typed by its sound ("违见" → "违建"); a Latin word of
    five or more letters one letter off ("manhoel" → "manhole")."""
    runs, words = lexicon(language_code)
    if CJK.fullmatch(term[:1] or " ") and CJK_RUN.fullmatch(term) and len(term) >= 2:
        options = "|".join(
            re.escape(term[:i]) + "[^\\n]" + re.escape(term[i + 1 :])
            for i in range(len(term))
        )
        found = Counter(re.findall(f"(?=({options}))", runs))
        found.pop(term, None)
        if len(term) == 2:
            from pypinyin import lazy_pinyin

            sound = lazy_pinyin(term)
            found = Counter({w: n for w, n in found.items() if lazy_pinyin(w) == sound})
        return [word for word, _ in found.most_common(4)]
    if term.isascii() and term.isalpha() and len(term) >= 5:
        return sorted(w for w in words if one_letter_apart(term, w))[:4]
    return []


def known_words(part: str, language_code: str) -> list[str]:
    """The words of a sentence that some title or synonym holds, longest first from
    the left ("小区里有僵尸车" → "僵尸车"): the rest of a sentence says nothing the
    pages can answer."""
    runs, _ = lexicon(language_code)
    table = synonyms()
    words, position = [], 0
    while position < len(part) - 1:
        for end in range(len(part), position + 1, -1):
            word = part[position:end]
            if word in table or word in runs:
                words.append(word)
                position = end
                break
        else:
            position += 1
    return words


def segment(parsed: ParsedQuery, language_code: str) -> ParsedQuery | None:
    """The query with each Chinese sentence that nothing holds whole replaced by its
    known words, or None when no sentence splits."""
    if len(CJK.findall(parsed.text)) < PHRASE_LENGTH:
        return None  # a name or a word: never cut down to a common part of it
    table = synonyms()
    terms, changed = [], False
    for term in parsed.terms:
        head = term[0]
        if CJK_RUN.fullmatch(head) and len(head) >= 4:
            words = known_words(head, language_code)
            if words and words != [head]:
                terms += [variants_of(word, table) for word in words]
                changed = True
                continue
        terms.append(term)
    if not changed:
        return None
    terms = terms[:MAX_TERMS]
    return replace(parsed, terms=terms, loose_terms=terms if len(terms) > 1 else [])


def correct(parsed: ParsedQuery, language_code: str) -> ParsedQuery | None:
    """The query with each word that no title holds widened to the title words one
    character away from it, or None when there is nothing to correct."""
    entries = corpus(language_code)
    terms, changed = [], False
    for term in parsed.terms:
        pattern = term_pattern(term)
        if any(pattern.search(e[3]) for e in entries):
            terms.append(term)
            continue
        close = close_spellings(term[0], language_code)
        changed = changed or bool(close)
        terms.append(term + close)
    if not changed:
        return None
    return replace(
        parsed,
        terms=terms,
        loose_terms=terms if parsed.loose_terms else [],
        corrected=True,
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
    title_marked: str = ""
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
    newest), communities, in force from, until, address, title. Remembered until
    documents or content change (about 6 MB pickled for 10,000 notices, under what
    each process holds: portal.lookups.HELD_BYTES); a tuple of tuples of plain
    values, so that each process holds it as it is instead of unpickling it for
    every search (portal/cache.py). Summaries stay in the database: documents()
    reads those of the results shown."""

    def build() -> tuple[tuple, ...]:
        rows = SearchDocument.objects.filter(language_code=language_code)
        return tuple(
            (pk, kind, title_text, search_text, max(len(title), 1),
             -date.timestamp() if date else -math.inf, scope or "",
             valid_from, valid_until, url, title)
            for pk, kind, title, title_text, search_text, date, scope, valid_from,
            valid_until, url in rows.values_list(
                "pk", "kind", "title", "title_text", "search_text", "date", "scope",
                "valid_from", "valid_until", "url",
            )
        )  # fmt: skip

    # The name carries the tuple's layout: a new layout never reads an old one.
    return remembered("search-corpus-5", build, language_code)


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
    200; a query with Latin words, relaxed, lists pages holding some of its words,
    40 for each; any match of a list item, station, team, meeting or event adds
    KIND_WEIGHT. Ties: undated list items first, then the newest, then the oldest
    document. `entries`: corpus() of the language searched.
    """
    if parsed.empty:
        return []
    today = timezone.localdate()
    place = f",{community_id}," if community_id is not None else None
    terms, pieces, relaxed = parsed.terms, parsed.pieces, parsed.relaxed
    loose = parsed.loose_terms if relaxed else []
    scored = parsed.variants
    if len(terms) > 1:
        scored = [*scored, parsed.text]
    needed = max(2, math.ceil(RELAX_SHARE * len(pieces)))
    # Each term as one compiled pattern of its variants: one C-level search per
    # document instead of a Python loop over the variants.
    patterns = [term_pattern(term) for term in terms]
    rest = patterns  # the terms still to look for in each entry
    column = 2 if parsed.short else 3
    if relaxed:
        # Only what holds a piece or a term at all is scored.
        anything = term_pattern(pieces + [v for term in terms for v in term])
        entries = [e for e in entries if anything.search(e[column])]
        piece_finder = re.compile(
            "(?=(" + "|".join(map(re.escape, pieces)) + "))" if pieces else "(?!)"
        )
        loose_patterns = [term_pattern(term) for term in loose]
    else:
        # What holds the first term, in one pass: most documents stop here.
        first, rest = patterns[0], patterns[1:]
        entries = [e for e in entries if first.search(e[column])]
    matches = []
    for entry in entries:
        pk, kind, title_text, search_text, length, order = entry[:6]
        text = title_text if parsed.short else search_text
        whole = all(pattern.search(text) for pattern in rest)
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
            found = len(set(piece_finder.findall(search_text)))
            held = sum(1 for pattern in loose_patterns if pattern.search(search_text))
            if not whole and found < needed and not held:
                continue
            in_title = 5 * len(set(piece_finder.findall(title_text)))
            score = in_title + 10 * found + 40 * held + (200 if whole else 0)
        for variant in scored:
            if title_text.startswith(variant):
                if length == len(variant):
                    score += 100
                else:
                    score += 20 + min(10 * len(variant) // length, 9)
            elif variant in title_text:
                score += 10 + min(10 * len(variant) // length, 9)
        if score:
            score += KIND_WEIGHT.get(kind, 0)
        matches.append(Match(-score, order, pk, kind, entry))
    matches.sort()
    return matches


@functools.lru_cache(maxsize=512)
def _compiled(variants: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(variants, key=len, reverse=True))))


def term_pattern(variants: list[str]) -> re.Pattern:
    """A pattern finding any of the variants (compiled once per process)."""
    return _compiled(tuple(dict.fromkeys(variants)))


def find(
    parsed: ParsedQuery, language_code: str, community_id: int | None = None
) -> tuple[ParsedQuery, list[Match], dict[str, int]]:
    """Matching documents of every type, best first, and their number per type.

    When nothing holds a word, the word is widened to the title words one character
    away from it (see correct()); when few pages hold a long query whole, or a
    query in Latin letters finds nothing whole, the query is relaxed (see relax()).
    The returned ParsedQuery says which.
    """
    entries = corpus(language_code)
    matches = ranked(parsed, entries, community_id)
    for widen in (correct, segment):
        if matches:
            break
        widened = widen(parsed, language_code)
        if widened is not None:
            parsed = widened
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
    """The results to show for these matches, in their order: one query for their
    summaries, the rest from the index copy."""
    summaries = dict(
        SearchDocument.objects.filter(pk__in=[m.pk for m in matches]).values_list(
            "pk", "summary"
        )
    )
    return [
        Result(
            pk=match.pk,
            kind=match.kind,
            url=match.entry[9],
            title=match.entry[10],
            summary=summaries.get(match.pk, ""),
        )
        for match in matches
    ]


def _too_few(
    parsed: ParsedQuery, relaxed: ParsedQuery | None, counts: dict[str, int]
) -> bool:
    """Whether to search again with the relaxed query: nothing found, or few pages
    holding a long phrase (Chinese, or several Latin words) whole."""
    total = sum(counts.values())
    phrase = (
        len(CJK.findall(parsed.text)) >= PHRASE_LENGTH
        or len(parsed.loose_terms) >= LATIN_PHRASE_WORDS
    )
    return relaxed is not None and (total == 0 or (phrase and total < RELAX_BELOW))


def count_by_kind(matches: list[Match]) -> dict[str, int]:
    return dict(Counter(match.kind for match in matches))


def highlight(text: str, parsed: ParsedQuery, width: int = 80) -> SafeString:
    """A window of `text` around the first match, with every match in <mark>: the
    text as written (traditional characters, capitals), marked where its normalised
    form holds a word of the query."""
    text = re.sub(r"\s+", " ", text or "").strip()
    plain = aligned(text)
    marks = [mark for mark in parsed.marks if mark.strip()]
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


def aligned(text: str) -> str:
    """`text` normalised character by character, so that each position still
    stands for the same character of `text` (normalise() may change lengths)."""
    converted = text.lower()
    if CJK.search(converted):
        whole = _converter().convert(converted)
        if len(whole) == len(converted):
            converted = whole
    chars = []
    for ch in converted:
        folded = unicodedata.normalize("NFKC", ch).lower()
        chars.append(folded if len(folded) == 1 else ch)
    return "".join(chars)
