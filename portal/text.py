"""Pieces of translated text joined in the reader's language.

Chinese lists items with the enumeration comma (、) and separates clauses with the
full-width semicolon (；); English uses ", " and "; ". The separators are messages
of their own, so each catalogue gives its language's mark and no view joins
translated words with English punctuation.
"""

from collections.abc import Iterable

from django.utils.translation import pgettext


def listing(items: Iterable[object]) -> str:
    """Items of one list: "a, b, c" in English, "a、b、c" in Chinese."""
    return pgettext("separator between list items", ", ").join(map(str, items))


def clauses(items: Iterable[object]) -> str:
    """Whole clauses: "a; b" in English, "a；b" in Chinese."""
    return pgettext("separator between clauses", "; ").join(map(str, items))


def choice_labels(choices, keys) -> list[str]:
    """The labels of the chosen `keys` of `choices`, in the choices' words; keys no
    longer among them are left out."""
    known = dict(choices)
    return [str(known[key]) for key in keys or [] if key in known]
