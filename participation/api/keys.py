"""Partners' keys to post reports through the API (for example the 12345 hotline
platform): issued in the admin and shown once, stored only as a hash, revoked there."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from participation.api.errors import ApiError
from participation.submissions import hash_token


class ApiKey(models.Model):
    """A partner's key for the Open311 API (for example the 12345 hotline platform).

    The key is shown once when issued; only its hash is stored.
    """

    name = models.CharField(_("partner"), max_length=80)
    prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    # Optional: where the partner wants to hear of status changes (webhooks.py), and
    # the secret the bodies are signed with. Kept in clear because signing needs it;
    # shown to key managers once, when set.
    webhook_url = models.URLField(
        _("webhook address"), max_length=300, blank=True, default=""
    )
    webhook_secret = models.CharField(
        max_length=64, blank=True, default="", editable=False
    )

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


def check_key(raw: str) -> ApiKey:
    if not raw or len(raw) > 200:
        raise ApiError(403, translation.gettext("A valid api_key is required."))
    key = ApiKey.objects.filter(key_hash=hash_token(raw), revoked_at__isnull=True)
    key = key.first()
    if key is None:
        raise ApiError(403, translation.gettext("A valid api_key is required."))
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


def issue_key(name: str, *, by, webhook_url: str = "") -> tuple[str, str]:
    """A new key for partner `name` and, with `webhook_url`, the secret its status
    webhooks are signed with (else ""). The caller shows both once; only the key's
    hash is kept."""
    key = secrets.token_urlsafe(32)
    secret = secrets.token_hex(32) if webhook_url else ""
    ApiKey.objects.create(
        name=name,
        prefix=key[:8],
        key_hash=hash_token(key),
        created_by=by,
        webhook_url=webhook_url,
        webhook_secret=secret,
    )
    return key, secret


def set_webhook(pk: int, webhook_url: str) -> str:
    """Point an active key's status webhooks at `webhook_url` ("" stops them); a new
    signing secret, returned for showing once ("" when stopped)."""
    secret = secrets.token_hex(32) if webhook_url else ""
    ApiKey.objects.filter(pk=pk, revoked_at__isnull=True).update(
        webhook_url=webhook_url, webhook_secret=secret
    )
    return secret


def revoke_key(pk: int) -> None:
    ApiKey.objects.filter(pk=pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
