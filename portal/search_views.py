"""`/<lang>/search/?q=…`: site search over published public content."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from wagtail.models import Page

from portal import search
from portal.params import IdField, PageNumberField, ParamsForm, check_params

PER_PAGE = 10
PER_GROUP = 3
KINDS = {
    "station": gettext_lazy("Stations"),
    "notice": gettext_lazy("Notices"),
    "event": gettext_lazy("Events"),
    "duty": gettext_lazy("Duty list"),
    "catalogue": gettext_lazy("Lenient catalogue"),
    "roundtable": gettext_lazy("Roundtables"),
    "volunteer": gettext_lazy("Volunteer teams"),
    "convenience": gettext_lazy("Convenience map"),
    "page": gettext_lazy("Other pages"),
}


class SearchParams(ParamsForm):
    q = forms.CharField(required=False)
    type = forms.ChoiceField(
        required=False,
        choices=[("", "")] + list(KINDS.items()),
        error_messages={
            "invalid_choice": gettext_lazy(
                "Unknown type of result: choose one of the filters below."
            )
        },
    )
    community = IdField(
        error_messages={
            key: gettext_lazy("The community must be given by its number.")
            for key in ("invalid", "min_value", "max_value")
        }
    )
    page = PageNumberField()


def find_community(pk: int | None) -> tuple[Page | None, str]:
    if pk is None:
        return None, ""
    community = Page.objects.filter(pk=pk).first()
    if community is None:
        return None, _("There is no community with that number.")
    return community.localized, ""


@require_safe
def search_view(request: HttpRequest) -> HttpResponse:
    params, errors = check_params(SearchParams, request.GET)
    query = params["q"].strip()
    kind = params["type"]
    community, community_error = find_community(params["community"])
    if community_error:
        errors.append(community_error)
    bad_parameters = bool(errors)
    if len(query) > search.MAX_QUERY_LENGTH:
        errors.append(
            _("Searches are limited to %(n)s characters; the rest was ignored.")
            % {"n": search.MAX_QUERY_LENGTH}
        )
    parsed = search.parse(query)
    if parsed.only_common_words:
        errors.append(
            _(
                "Your search has only common words such as “how” or “the”: add what "
                "you are looking for, e.g. “how to report noise”."
            )
        )
    elif query and parsed.empty and not parsed.short:
        errors.append(
            _(
                "Your search has no letters, characters or digits to look for: "
                "type a word, a name or a number."
            )
        )
    context = {
        "query": query,
        "kind": kind,
        "kinds": KINDS,
        "community": community,
        "errors": errors,
        "parsed": parsed,
        "filter_query": "&"
        + urlencode(
            {
                "q": query,
                "type": kind,
                **({"community": community.pk} if community else {}),
            }
        ),
    }
    if not parsed.empty:
        language = translation.get_language()
        parsed, matches, counts = search.find(
            parsed, language, community_id=community.pk if community else None
        )
        context["parsed"] = parsed
        context["facets"] = [
            (key, label, counts[key]) for key, label in KINDS.items() if key in counts
        ]
        context["total"] = sum(counts.values())
        if kind:
            paginator = Paginator([m for m in matches if m.kind == kind], PER_PAGE)
            context["page_obj"] = paginator.get_page(params["page"])
            context["results"] = search.documents(list(context["page_obj"]))
        else:
            # The best few of each type, even where another type has thousands
            # of better-scored matches; the group holding the best match first.
            best = search.best_of_each_kind(matches, PER_GROUP)
            groups: dict[str, dict] = {}
            for doc in search.documents(best):
                if doc.kind in KINDS:
                    group = groups.setdefault(
                        doc.kind,
                        {
                            "kind": doc.kind,
                            "label": KINDS[doc.kind],
                            "items": [],
                            "count": counts[doc.kind],
                        },
                    )
                    group["items"].append(doc)
            context["groups"] = list(groups.values())
            context["results"] = [
                doc for group in context["groups"] for doc in group["items"]
            ]
        for doc in context["results"]:
            doc.title_marked = search.highlight(doc.title, parsed, width=300)
            doc.snippet = search.highlight(doc.summary, parsed) if doc.summary else ""
            doc.kind_label = KINDS.get(doc.kind, "")
    status = 400 if bad_parameters else 200
    return render(request, "search/search.html", context, status=status)
