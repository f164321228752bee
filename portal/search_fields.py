"""Chinese-aware fields for Wagtail's own search (the admin's page search and page
chooser), through `search_fields` as Wagtail documents it.

Wagtail's database backend splits text into words at spaces and punctuation, so a
Chinese title is one long word and "占道" never finds "早餐摊占道经营整治通知". Pages
index `title_segments` besides their title: the title normalised as site search
normalises it (portal.search.normalise: traditional → simplified, NFKC), every
suffix of each Chinese run (the admin's search is a prefix search, and every piece
of a title starts one of its suffixes), its two- to four-character pieces (for
whole-word search) and its pinyin and initials. The public site keeps its own
index (portal/search.py); both normalise alike.
"""

from wagtail.search import index

from portal.search import CJK_RUN, normalise, title_pinyin

LONGEST_SUFFIX = 16


def title_segments(title: str) -> str:
    text = normalise(title)
    words = []
    for run in CJK_RUN.findall(text):
        words += [run[i : i + LONGEST_SUFFIX] for i in range(len(run))]
        words += [
            run[i : i + size] for size in (2, 3, 4) for i in range(len(run) - size + 1)
        ]
    pinyin = title_pinyin(title)
    if pinyin:
        words += pinyin.replace(" / ", " ").split()
    return " ".join(dict.fromkeys(words))


class ChineseTitleSearch:
    """Mixed into page models: their titles found by any Chinese piece of them."""

    def title_segments(self) -> str:
        return title_segments(self.title)


CHINESE_TITLE_FIELDS = [
    index.SearchField("title_segments"),
    index.AutocompleteField("title_segments"),
]
