"""Which districts and communities each staff user works for.

Every staff listing, export, chooser and API filters through `communities_for`, so a
user assigned to district X sees exactly X's communities.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class AreaAssignment(models.Model):
    """A staff user assigned to a district, subdistrict or community page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="area_assignments",
        verbose_name=_("user"),
    )
    area = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("district, subdistrict or community"),
    )

    class Meta:
        verbose_name = _("area assignment")
        verbose_name_plural = _("area assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "area"], name="unique_user_area")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.area}"


def communities_for(user) -> QuerySet:
    """The community pages (all languages) a user may see staff data for.

    Superusers see all; other users see the communities at or below the pages they
    are assigned to, in every locale of those pages; unassigned users see none.
    """
    from notices.stations.community import CommunityPage

    communities = CommunityPage.objects.all()
    if user.is_superuser:
        return communities
    if not user.is_authenticated:
        return communities.none()
    areas = Page.objects.filter(
        translation_key__in=Page.objects.filter(
            pk__in=AreaAssignment.objects.filter(user=user).values("area")
        ).values("translation_key")
    ).values_list("path", flat=True)
    prefixes = list(areas)
    if not prefixes:
        return communities.none()
    condition = Q()
    for path in prefixes:
        condition |= Q(path__startswith=path)
    return communities.filter(condition)
