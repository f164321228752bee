"""Nominations, the shortlist and the votes of a model-merchant campaign.

No phone number is stored: a vote keeps a keyed hash of it (`voting.phone_hash`), so
the table shows who voted to nobody, and the database's unique constraint on
(campaign, phone hash) keeps one vote per number per campaign however many requests
race. Nominations hold no personal data at all.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("On the shortlist")
    DECLINED = "declined", _("Declined")


class Nomination(models.Model):
    """A resident's nomination of a shop in the register."""

    campaign = models.ForeignKey(
        "notices.Campaign",
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("campaign"),
    )
    merchant = models.ForeignKey(
        "notices.Merchant",
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("merchant"),
    )
    reason = models.TextField(_("why this shop"), max_length=500)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NominationStatus.choices,
        default=NominationStatus.PENDING,
    )
    submission_key = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text=_(
            "The form's one-time key: the same form sent twice is one nomination."
        ),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.merchant} · {self.campaign}"


class Candidate(models.Model):
    """A shop on a campaign's shortlist; `confirmed_votes` is set when staff
    confirm the results, and only then shown."""

    campaign = models.ForeignKey(
        "notices.Campaign",
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("campaign"),
    )
    merchant = models.ForeignKey(
        "notices.Merchant",
        on_delete=models.PROTECT,
        related_name="candidacies",
        verbose_name=_("merchant"),
    )
    confirmed_votes = models.PositiveIntegerField(
        _("confirmed votes"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("shortlisted shop")
        verbose_name_plural = _("shortlisted shops")
        ordering = ["merchant__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "merchant"], name="one_candidacy_per_shop"
            )
        ]

    def __str__(self) -> str:
        return str(self.merchant)


class VoteCode(models.Model):
    """A vote waiting for the code sent to the voter's phone. The page that asks
    for the code is opened by a token only its hash of which is kept."""

    campaign = models.ForeignKey(
        "notices.Campaign", on_delete=models.CASCADE, related_name="+"
    )
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    phone_hash = models.CharField(max_length=64)
    code_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote code")
        verbose_name_plural = _("vote codes")


class Vote(models.Model):
    """One confirmed vote: its campaign, its shop and a keyed hash of the phone."""

    campaign = models.ForeignKey(
        "notices.Campaign",
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("campaign"),
    )
    candidate = models.ForeignKey(
        Candidate,
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("shortlisted shop"),
    )
    phone_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("cast"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "phone_hash"], name="one_vote_per_phone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.created_at:%Y-%m-%d}"
