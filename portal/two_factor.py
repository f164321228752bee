"""2-step verification for staff: a code from an authenticator app (TOTP).

Built on django-otp (devices, verification, throttling of wrong codes). The usual
Wagtail add-on, wagtail-2fa 1.8, does not import on Wagtail 8 (it needs
`wagtail.users.widgets`, which Wagtail 8 removed), so the few admin screens are here:

- "2-step verification" in the account menu: add an authenticator app (scan the QR
  code or type the key, confirm with one code), or remove it.
- After signing in, a staff user who has an app is asked for its code before any
  other admin page; until then every admin URL leads to that question.
- With `PORTAL_STAFF_2FA_REQUIRED` (on in production), staff without an app are sent
  to add one first.

A user who lost their phone asks an administrator, who removes the device in the
user's 2-step page (administrators may manage anyone's).
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, resolve, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.client import client_address
from portal.models import AuditAction
from portal.params import IdField, ParamsForm, check_params

# Admin URLs an unverified user may still open: signing in and out, the question
# itself, setting up an app, and the static pieces those pages need.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "portal_two_factor_verify",
}
SETUP_URL_NAMES = {"portal_two_factor_devices", "portal_two_factor_setup"}
WRONG_CODE = gettext_lazy("That code is not right or has expired. Try the current one.")


def is_staff_user(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (
            user.is_staff
            or user.is_superuser
            or user.has_perm("wagtailadmin.access_admin")
        )
    )


def throttled(user) -> bool:
    """Every app of the user is waiting out django-otp's pause after wrong codes
    (1 s after the first, doubling with each further one)."""
    devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    return bool(devices) and not any(d.verify_is_allowed()[0] for d in devices)


def needs_verification(user) -> bool:
    return user_has_device(user, confirmed=True) and not user.is_verified()


class StaffVerificationMiddleware:
    """Keep staff who have not entered their code (or, where required, set up an app)
    out of every admin page but the few they need to do so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self.redirect_for(request)
        if redirect_to is not None:
            return redirect_to
        return self.get_response(request)

    def redirect_for(self, request):
        if not request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
            return None
        user = getattr(request, "user", None)
        if user is None or not is_staff_user(user):
            return None
        try:
            name = resolve(request.path_info).url_name
        except Exception:  # noqa: BLE001 - unknown admin URL: Wagtail answers 404
            name = None
        if name in OPEN_URL_NAMES:
            return None
        target = None
        if needs_verification(user):
            target = "portal_two_factor_verify"
        elif (
            settings.PORTAL_STAFF_2FA_REQUIRED
            and not user_has_device(user, confirmed=True)
            and name not in SETUP_URL_NAMES
        ):
            target = "portal_two_factor_setup"
        if target is None:
            return None
        url = reverse(target)
        if request.method == "GET":
            url += "?" + _next_query(request.get_full_path())
        return HttpResponseRedirect(url)


def _next_query(next_url: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": next_url})


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class RemoveDeviceParams(ParamsForm):
    remove = IdField()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        help_text=gettext_lazy("Six digits; a new code appears every 30 seconds."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError(_("Enter the digits shown in the app."))
        return code


@method_decorator(never_cache, name="dispatch")
class VerifyView(TemplateView):
    """After signing in: ask for the current code."""

    template_name = "portal/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("wagtailadmin_login")
        if not user_has_device(request.user, confirmed=True):
            return redirect(safe_next(request, reverse("wagtailadmin_home")))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", CodeForm())
        context["next"] = safe_next(self.request, reverse("wagtailadmin_home"))
        return context

    def post(self, request, *args, **kwargs):
        form = CodeForm(request.POST)
        device = None
        if form.is_valid():
            if throttled(request.user):
                form.add_error(
                    "code",
                    _("Too many wrong codes: wait a few seconds, then try again."),
                )
            else:
                device = match_token(request.user, form.cleaned_data["code"])
                if device is None:
                    form.add_error("code", WRONG_CODE)
        if device is None:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        otp_login(request, device)
        return redirect(safe_next(request, reverse("wagtailadmin_home")))


def manageable_user(request, user_id: int | None):
    """The user whose devices are shown: oneself, or anyone for administrators."""
    if user_id is None or user_id == request.user.pk:
        return request.user
    if not (request.user.is_superuser or request.user.has_perm("auth.change_user")):
        raise PermissionDenied
    return get_object_or_404(get_user_model(), pk=user_id)


@method_decorator(never_cache, name="dispatch")
class DevicesView(WagtailAdminTemplateMixin, TemplateView):
    """A user's authenticator apps, with remove buttons."""

    page_title = gettext_lazy("2-step verification")
    header_icon = "key"
    template_name = "portal/two_factor_devices.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not is_staff_user(request.user):
            raise PermissionDenied
        self.owner = manageable_user(request, kwargs.get("user_id"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            owner=self.owner,
            own=self.owner.pk == self.request.user.pk,
            devices=TOTPDevice.objects.devices_for_user(self.owner, confirmed=True),
            required=settings.PORTAL_STAFF_2FA_REQUIRED,
        )
        return context

    def post(self, request, *args, **kwargs):
        from portal.audit import record

        remove = check_params(RemoveDeviceParams, request.POST)[0]["remove"]
        device = TOTPDevice.objects.filter(user=self.owner, pk=remove or 0).first()
        if device is None:
            raise PermissionDenied
        device.delete()
        record(
            "user.2fa.remove",
            self.owner,
            action=AuditAction.ACCESS,
            detail=device.name,
        )
        messages.success(request, _("The authenticator app was removed."))
        return redirect(request.path)


@method_decorator(never_cache, name="dispatch")
class SetupView(WagtailAdminTemplateMixin, TemplateView):
    """Add an authenticator app: scan the code, then confirm with one code."""

    page_title = gettext_lazy("Add an authenticator app")
    header_icon = "key"
    template_name = "portal/two_factor_setup.html"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("portal_two_factor_devices"),
                "label": _("2-step verification"),
            },
            {"url": "", "label": self.page_title},
        ]

    def dispatch(self, request, *args, **kwargs):
        if not is_staff_user(request.user):
            raise PermissionDenied
        if needs_verification(request.user):
            # Adding a second app needs the first one's code.
            return redirect("portal_two_factor_verify")
        return super().dispatch(request, *args, **kwargs)

    def pending_device(self) -> TOTPDevice:
        device = TOTPDevice.objects.filter(
            user=self.request.user, confirmed=False
        ).first()
        if device is None:
            device = TOTPDevice.objects.create(
                user=self.request.user,
                name=_("Authenticator app"),
                confirmed=False,
            )
        return device

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = self.pending_device()
        qr = segno.make(device.config_url, error="m")
        context.update(
            form=kwargs.get("form") or CodeForm(),
            qr_svg=qr.svg_inline(scale=4, dark="#000", light="#fff"),
            secret=b32encode(device.bin_key).decode(),
            next=safe_next(self.request, reverse("wagtailadmin_home")),
        )
        return context

    def post(self, request, *args, **kwargs):
        from portal.audit import record

        form = CodeForm(request.POST)
        device = self.pending_device()
        if form.is_valid() and not device.verify_token(form.cleaned_data["code"]):
            form.add_error(
                "code", _("That code is not right. Check the app and try again.")
            )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        record("user.2fa.add", request.user, action=AuditAction.ACCESS)
        messages.success(
            request,
            _("2-step verification is on: each sign-in now asks for a code."),
        )
        return redirect(safe_next(request, reverse("portal_two_factor_devices")))


def sign_in_address(request) -> str | None:
    """The client address django-axes counts sign-ins by: the same one the public
    forms' rate limits use, or None when there is none (a test's force_login, a
    management command), which the database's address column could not hold."""
    from ipaddress import ip_address

    address = client_address(request) if request is not None else ""
    try:
        return str(ip_address(address))
    except ValueError:
        return None


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes answers a locked-out sign-in: a page saying how long to wait
    (429, never cached)."""
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 15
    response = render(
        request,
        "portal/login_locked.html",
        {"failure_limit": get_failure_limit(request, credentials), "minutes": minutes},
        status=429,
    )
    response["Cache-Control"] = "no-store, private"
    return response


def admin_urls() -> list:
    return [
        path("two-step/verify/", VerifyView.as_view(), name="portal_two_factor_verify"),
        path("two-step/", DevicesView.as_view(), name="portal_two_factor_devices"),
        path(
            "two-step/user/<id:user_id>/",
            DevicesView.as_view(),
            name="portal_two_factor_user",
        ),
        path("two-step/add/", SetupView.as_view(), name="portal_two_factor_setup"),
    ]


def account_menu_item(request) -> dict | None:
    try:
        url = reverse("portal_two_factor_devices")
    except NoReverseMatch:
        return None
    return {
        "url": url,
        "label": _("2-step verification"),
        "help_text": _("Ask for a code from an authenticator app at every sign-in."),
    }
