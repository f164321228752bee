"""Model-merchant campaigns (最美商户评选) the bureau runs: residents nominate shops,
staff put nominations on the shortlist, residents vote (one vote per phone number),
staff confirm the results and only then are the counts published.

The campaign is the bureau's record; nominations, the shortlist and the votes are
residents' input and live in participation/campaigns/.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Not open yet")
    NOMINATING = "nominating", _("Taking nominations")
    BETWEEN = "between", _("Shortlist being drawn up")
    VOTING = "voting", _("Voting open")
    COUNTING = "counting", _("Votes being checked")
    RESULTS = "results", _("Results published")


class Campaign(models.Model):
    """A model-merchant selection (最美商户) over a period, in one community or the
    whole city."""

    title = models.CharField(_("title"), max_length=120)
    title_en = models.CharField(_("title in English"), max_length=120, blank=True)
    criteria = models.TextField(
        _("criteria"),
        help_text=_("What makes a model merchant in this campaign."),
    )
    criteria_en = models.TextField(_("criteria in English"), blank=True)
    community = models.ForeignKey(
        "notices.CommunityPage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("community"),
        help_text=_("Leave empty for a citywide campaign."),
    )
    nominations_open = models.DateField(_("nominations open"))
    nominations_close = models.DateField(_("nominations close"))
    voting_opens = models.DateField(_("voting opens"))
    voting_closes = models.DateField(_("voting closes"))
    results_confirmed_at = models.DateTimeField(
        _("results confirmed"), null=True, blank=True, editable=False
    )
    results_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("results confirmed by"),
    )

    class Meta:
        verbose_name = _("model-merchant campaign")
        verbose_name_plural = _("model-merchant campaigns")
        ordering = ["-voting_closes", "-pk"]
        permissions = [
            ("confirm_campaign_results", _("Can confirm a campaign's results"))
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        dates = [
            self.nominations_open,
            self.nominations_close,
            self.voting_opens,
            self.voting_closes,
        ]
        if None in dates:
            return
        if not dates[0] <= dates[1] < dates[2] <= dates[3]:
            raise ValidationError(
                _(
                    "Nominations open, then close; voting opens after nominations "
                    "close, then closes."
                )
            )

    def localized_title(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "").startswith("en") and self.title_en:
            return self.title_en
        return self.title

    def localized_criteria(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "").startswith("en") and self.criteria_en:
            return self.criteria_en
        return self.criteria

    def phase(self, today: dt.date | None = None) -> str:
        """Where the campaign stands on `today` (the local date by default)."""
        today = today or timezone.localdate()
        if self.results_confirmed_at:
            return Phase.RESULTS
        if today < self.nominations_open:
            return Phase.UPCOMING
        if today <= self.nominations_close:
            return Phase.NOMINATING
        if today < self.voting_opens:
            return Phase.BETWEEN
        if today <= self.voting_closes:
            return Phase.VOTING
        return Phase.COUNTING

    def get_phase_display(self) -> str:
        return Phase(self.phase()).label
