"""The admin page where key managers issue and revoke partners' Open311 keys (under
Settings); a new key is shown once, only its hash is kept."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from participation.api.keys import ApiKey, issue_key, revoke_key
from portal.params import IdField, ParamsForm, read_params


def can_manage_keys(user) -> bool:
    return user.is_superuser or user.has_perm("participation.add_apikey")


class ApiKeyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Partner"), max_length=80)


class RevokeParams(ParamsForm):
    revoke = IdField(required=True)


class ApiKeysView(WagtailAdminTemplateMixin, TemplateView):
    """Issue and revoke Open311 keys; a key is shown once, only its hash is kept."""

    page_title = gettext_lazy("Open311 API keys")
    header_icon = "key"
    template_name = "participation/report_admin_api_keys.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_keys(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ApiKeyForm())
        context["keys"] = ApiKey.objects.all()
        return context

    def post(self, request, *args, **kwargs):
        if "revoke" in request.POST:
            revoke_key(read_params(RevokeParams, request.POST)["revoke"])
            messages.success(request, _("Key revoked."))
            return redirect("participation_api_keys")
        form = ApiKeyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        key = issue_key(form.cleaned_data["name"], by=request.user)
        context = self.get_context_data(form=ApiKeyForm())
        context["new_key"] = key
        response = self.render_to_response(context)
        response["Cache-Control"] = "no-store, private"
        return response
