"""Admin view: import a duty list or the lenient catalogue from an XLSX workbook."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page

from notices.lists.catalogue import LenientCataloguePage
from notices.lists.duties import DutyListPage
from notices.lists.importing import import_list


class ListImportForm(forms.Form):
    workbook = forms.FileField(
        label=_("XLSX workbook"),
        help_text=_("One sheet per part of the list, headed by its field names."),
    )
    dry_run = forms.BooleanField(
        label=_("Check only"),
        required=False,
        initial=True,
        help_text=_("Check every row and write nothing."),
    )
    go_on = forms.BooleanField(
        label=_("Then submit for legal review"),
        required=False,
        help_text=_(
            "The list goes live when a legal reviewer other than you approves it."
        ),
    )


class ListImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a workbook: check every row, then save it all as a draft, or nothing."""

    form_class = ListImportForm
    template_name = "notices/list_import.html"
    header_icon = "upload"

    def dispatch(self, request, page_id):
        page = get_object_or_404(Page, pk=page_id).specific
        if not isinstance(page, DutyListPage | LenientCataloguePage):
            raise PermissionDenied
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.page = page
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Import %(list)s") % {"list": self.page.title}

    def form_valid(self, form):
        # Both lists go live only through their legal review (legal_review.py).
        result = import_list(
            self.page,
            form.cleaned_data["workbook"].read(),
            dry_run=form.cleaned_data["dry_run"],
            user=self.request.user,
            submit=form.cleaned_data["go_on"],
        )
        if result.errors or result.dry_run:
            return self.render_to_response(
                self.get_context_data(form=form, result=result),
                status=400 if result.errors else 200,
            )
        messages.success(self.request, result.summary())
        return redirect("wagtailadmin_pages:edit", self.page.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "list_page": self.page}
