"""Each staff member chooses how they are alerted (AlertSetting), on their own
account page in the admin: a panel added through Wagtail's
`register_account_settings_panel` hook (participation/wagtail_hooks.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel

from participation.notifications.models import AlertSetting


class AlertSettingForm(forms.ModelForm):
    webhook_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label=AlertSetting._meta.get_field("webhook_url").verbose_name,
        help_text=AlertSetting._meta.get_field("webhook_url").help_text,
    )

    class Meta:
        model = AlertSetting
        fields = ["channel", "phone", "webhook_url"]


class AlertSettingsPanel(BaseSettingsPanel):
    name = "alerts"
    title = _("Alerts about residents' reports")
    order = 400
    form_class = AlertSettingForm

    def is_active(self) -> bool:
        return self.user.has_perm("participation.view_report")

    def get_form(self):
        instance = AlertSetting.objects.filter(user=self.user).first()
        kwargs = {
            "instance": instance or AlertSetting(user=self.user),
            "prefix": self.name,
        }
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)
