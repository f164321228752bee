"""Admin view: import shops into the merchant register from an XLSX workbook."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from notices.merchants.importing import import_merchants
from notices.merchants.models import Merchant
from notices.merchants.policies import policy_for
from portal.spreadsheets import ImportFileError


class MerchantImportForm(forms.Form):
    workbook = forms.FileField(
        label=_("XLSX workbook"),
        help_text=_("One shop a row, headed by the field names of the shop form."),
    )
    dry_run = forms.BooleanField(
        label=_("Check only"),
        required=False,
        initial=True,
        help_text=_("Check every row and write nothing."),
    )


def may_import(user) -> bool:
    policy = policy_for(Merchant)
    return policy.user_has_permission(user, "add") and policy.may_see_personal_data(
        user
    )


class MerchantImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a workbook: check every row, then save every shop, or none."""

    form_class = MerchantImportForm
    template_name = "notices/merchant_import.html"
    header_icon = "upload"
    page_title = _("Import merchants")

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            result = import_merchants(
                form.cleaned_data["workbook"].read(),
                self.request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ImportFileError as error:
            form.add_error("workbook", str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if result.errors or result.dry_run:
            return self.render_to_response(
                self.get_context_data(form=form, result=result),
                status=400 if result.errors else 200,
            )
        messages.success(self.request, result.summary())
        return redirect("wagtailsnippets_notices_merchant:list")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
