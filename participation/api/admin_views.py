"""The admin page where key managers issue and revoke partners' Open311 keys (under
Settings) and set where each key's status webhooks go; a new key and a new webhook
secret are shown once (only the key's hash is kept). The last deliveries are listed
with their outcome."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from participation.api.keys import ApiKey, issue_key, revoke_key, set_webhook
from participation.api.webhooks import DeliveryStatus, WebhookDelivery
from participation.reports.states import state_label
from portal.params import IdField, ParamsForm, read_params


def can_manage_keys(user) -> bool:
    return user.is_superuser or user.has_perm("participation.add_apikey")


class ApiKeyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Partner"), max_length=80)
    webhook_url = forms.URLField(
        label=gettext_lazy("Webhook address for status changes (optional)"),
        required=False,
        max_length=300,
        assume_scheme="https",
    )


class WebhookForm(forms.Form):
    """A new webhook address for an existing key (empty stops the webhook)."""

    key = IdField(required=True)
    webhook_url = forms.URLField(required=False, max_length=300, assume_scheme="https")


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
        context.setdefault("webhook_form", WebhookForm())
        context["keys"] = ApiKey.objects.annotate(
            sent=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
            failed=Count(
                "deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)
            ),
            queued=Count(
                "deliveries", filter=Q(deliveries__status=DeliveryStatus.QUEUED)
            ),
        )
        deliveries = list(
            WebhookDelivery.objects.select_related("api_key", "event__report")[:20]
        )
        context["deliveries"] = [
            (
                delivery,
                state_label(delivery.event.from_state),
                state_label(delivery.event.to_state),
            )
            for delivery in deliveries
        ]
        return context

    def post(self, request, *args, **kwargs):
        if "revoke" in request.POST:
            revoke_key(read_params(RevokeParams, request.POST)["revoke"])
            messages.success(request, _("Key revoked."))
            return redirect("participation_api_keys")
        if "key" in request.POST:
            return self.change_webhook(request)
        form = ApiKeyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        key, secret = issue_key(
            form.cleaned_data["name"],
            by=request.user,
            webhook_url=form.cleaned_data["webhook_url"],
        )
        context = self.get_context_data(form=ApiKeyForm())
        context["new_key"] = key
        context["new_secret"] = secret
        return self.shown_once(context)

    def change_webhook(self, request):
        form = WebhookForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(webhook_form=form)
            return self.render_to_response(context, status=400)
        key = ApiKey.objects.filter(
            pk=form.cleaned_data["key"], revoked_at__isnull=True
        ).first()
        if key is None:
            messages.error(request, _("This key is revoked or does not exist."))
            return redirect("participation_api_keys")
        secret = set_webhook(key.pk, form.cleaned_data["webhook_url"])
        if not secret:
            messages.success(request, _("Webhook removed."))
            return redirect("participation_api_keys")
        context = self.get_context_data()
        context["new_secret"] = secret
        return self.shown_once(context)

    def shown_once(self, context):
        response = self.render_to_response(context)
        response["Cache-Control"] = "no-store, private"
        return response
