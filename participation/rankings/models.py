"""A month's ranking of the community stations and its rows: the counts each rate is
made of are stored, so every published month's table stays as it was computed and
can be checked against the reports."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


def tenth(value: Decimal) -> Decimal:
    """One decimal, rounded half up as people do (12.25 → 12.3)."""
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class MonthlyRanking(models.Model):
    """The ranking of one calendar month (local time), computed once it is over."""

    month = models.DateField(_("month"), unique=True, help_text=_("Its first day."))
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        ordering = ["-month"]
        verbose_name = _("monthly ranking")
        verbose_name_plural = _("monthly rankings")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


def rate(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal, None when nothing was counted."""
    if not whole:
        return None
    return tenth(Decimal(100 * part) / whole)


class RankingRow(models.Model):
    """One community's month: what was counted, its score and rank (none when too
    little was counted to rank it fairly)."""

    ranking = models.ForeignKey(
        MonthlyRanking, on_delete=models.CASCADE, related_name="rows"
    )
    community = models.ForeignKey(
        "notices.CommunityPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name when the month was computed: a station closed since keeps its row.
    community_title = models.CharField(max_length=255)
    households = models.PositiveIntegerField(null=True)
    received = models.PositiveIntegerField(default=0)
    response_counted = models.PositiveIntegerField(default=0)
    responded_on_time = models.PositiveIntegerField(default=0)
    completion_counted = models.PositiveIntegerField(default=0)
    completed_on_time = models.PositiveIntegerField(default=0)
    ratings = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)
    score = models.DecimalField(max_digits=4, decimal_places=1, null=True)
    rank = models.PositiveIntegerField(null=True)

    class Meta:
        ordering = ["rank", "community_title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ranking", "community"], name="ranking_row_once_per_community"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ranking} {self.community_title}"

    @property
    def response_rate(self) -> Decimal | None:
        return rate(self.responded_on_time, self.response_counted)

    @property
    def completion_rate(self) -> Decimal | None:
        return rate(self.completed_on_time, self.completion_counted)

    @property
    def average_rating(self) -> Decimal | None:
        if not self.ratings:
            return None
        return tenth(Decimal(self.rating_sum) / self.ratings)

    @property
    def per_thousand_households(self) -> Decimal | None:
        if not self.households:
            return None
        return tenth(Decimal(1000 * self.received) / self.households)
