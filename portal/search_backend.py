"""Wagtail's search backend for the admin, reading queries as site search does.

Configured in WAGTAILSEARCH_BACKENDS (portal/settings/base.py): the database backend
Wagtail would choose for this database (SQLite FTS5, PostgreSQL, MySQL or the
fallback), with each query string normalised the way portal.search reads a
resident's query before Wagtail sees it: NFKC and lower case, traditional
characters as simplified ("佔道" finds "占道"), question words dropped
("占道怎么办" searches "占道"), phone numbers as bare digits. The indexed side
is portal/search_fields.py: page titles carry their Chinese pieces and pinyin.
"""

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import And, Or, Phrase, PlainText

from portal.search import PHONE, normalise, phone_digits, split_words, strip_fillers


def admin_text(text: str) -> str:
    """A query string as the index holds words."""
    text = PHONE.sub(lambda m: " " + "".join(phone_digits(m.group())) + " ", text)
    words = []
    for part in split_words(normalise(text)):
        words += strip_fillers(part).split()
    return " ".join(words) or text


def admin_query(query):
    """A query string, or the words of a parsed query (the admin's page search
    parses filters such as "live:yes" out first), read as site search reads them."""
    if isinstance(query, str):
        return admin_text(query)
    if isinstance(query, PlainText):
        return PlainText(
            admin_text(query.query_string), operator=query.operator, boost=query.boost
        )
    if isinstance(query, Phrase):
        return Phrase(admin_text(query.query_string))
    if isinstance(query, And | Or):
        return type(query)([admin_query(sub) for sub in query.subqueries])
    return query


class ChineseQueries:
    """Mixed in front of a Wagtail database backend class."""

    def search(self, query, model_or_queryset, *args, **kwargs):
        return super().search(admin_query(query), model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        return super().autocomplete(
            admin_query(query), model_or_queryset, *args, **kwargs
        )


_classes: dict[type, type] = {}


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a module)
    """The database backend for this database, with ChineseQueries in front."""
    chosen = type(database_backend(params))
    if chosen not in _classes:
        _classes[chosen] = type(
            f"Chinese{chosen.__name__}", (ChineseQueries, chosen), {}
        )
    return _classes[chosen](params)
