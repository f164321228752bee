"""A list page shown by category, so that a phone's first screen names them all:
each category is a section that opens and closes without JavaScript (<details>),
with a jump link to it at the top.

Sections start closed on the plain list. They start open when the resident narrowed
the list (a search or a filter: what is left is what they asked for), on the print
version, and for the one category an address names with `?open=<code>`: the jump
links use it, so that a tap opens the section on any browser, and a link to one item
of the list (`?open=SR#item-SR-03`) lands on it visible; a bare `#item-SR-03` does
too in browsers that open the <details> holding a link's target, as HTML now says
they should. Each item also has its own page (`items/<code>/`), which is what the
site links to.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.text import slugify

from notices.lists.shared import Status
from portal.params import FilterChoiceField, ParamsForm, check_params

# The filters that show the list as it is by default: anything else narrows it.
DEFAULT_FILTERS = {"status": Status.IN_FORCE.value}


@dataclass
class ListGroup:
    """One category's section of a list page."""

    code: str
    name: str
    description: str = ""
    entries: list = field(default_factory=list)
    anchor: str = ""
    is_open: bool = False
    # Where its jump link goes: the section itself when it is open already, else
    # the list with this section opened.
    link: str = ""
    # The section's rows when the view writes them itself (the catalogue's).
    rows: str = ""


class OpenParams(ParamsForm):
    """Which section an address asks to open; an unknown one opens none."""

    open = FilterChoiceField()

    def __init__(self, data, *, codes: Sequence[str], **kwargs):
        super().__init__(data, **kwargs)
        self.fields["open"].choices = [(code, code) for code in codes]


def opened_category(data: QueryDict | dict, codes: Sequence[str]) -> str:
    """The category code `?open=` names, or "" (unknown, repeated or absent)."""
    cleaned, _problems = check_params(OpenParams, data, codes=codes)
    return cleaned.get("open") or ""


def narrows(filters: dict[str, str]) -> bool:
    """Whether the filters leave out anything the plain list shows."""
    return any(
        value != DEFAULT_FILTERS.get(name) for name, value in filters.items() if value
    )


def anchor_for(code: str, position: int) -> str:
    """A section's id: from its code where the code makes one, else its place."""
    return f"category-{slugify(code) or position}"


def group_entries(
    categories: Sequence,
    entries: Sequence,
    *,
    filters: dict[str, str],
    opened: str = "",
    open_all: bool = False,
) -> list[ListGroup]:
    """The entries by category, in the categories' order, each category with its
    entries in the list's order; a category without entries is left out, and items
    whose category is not (or no longer) among the categories come last, under
    their code."""
    groups: dict[str, ListGroup] = {
        category.code: ListGroup(
            code=category.code,
            name=category.name,
            description=getattr(category, "description", ""),
        )
        for category in categories
    }
    for entry in entries:
        code = entry.category
        if code not in groups:
            groups[code] = ListGroup(code=code, name=code)
        groups[code].entries.append(entry)
    shown = [group for group in groups.values() if group.entries]
    taken: set[str] = set()
    for position, group in enumerate(shown, 1):
        anchor = anchor_for(group.code, position)
        group.anchor = anchor if anchor not in taken else f"category-{position}"
        taken.add(group.anchor)
        group.is_open = open_all or group.code == opened
        if group.is_open:
            group.link = f"#{group.anchor}"
        else:
            query = urlencode({**filters, "open": group.code})
            group.link = f"?{query}#{group.anchor}"
    return shown
