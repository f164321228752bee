"""Telling a proposer their topic is received, with its private tracking link, by
text message when they left a mobile number and agreed to be contacted about it
(through django-tasks and participation.notifications)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from participation.notifications.sending import send_sms
from participation.roundtables.models import AgendaProposal


@task()
def confirm_proposal(proposal_id: int, tracking_url: str) -> bool:
    proposal = AgendaProposal.objects.filter(pk=proposal_id).first()
    if proposal is None or not proposal.contact_phone:
        return False
    with (
        translation.override(proposal.language),
        timezone.override(settings.TIME_ZONE),
    ):
        text = render_to_string(
            "participation/roundtable_proposal_sms.txt",
            {"proposal": proposal, "tracking_url": tracking_url},
        )
    send_sms(
        key=f"proposal:{proposal.pk}:received:sms",
        phone=proposal.contact_phone,
        template="proposal_received",
        params={"reference": proposal.reference, "link": tracking_url},
        text=text,
        item=proposal,
        language=proposal.language,
    )
    return True
