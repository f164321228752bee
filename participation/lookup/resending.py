"""Sending a lost private link again: the submissions a reference code names,
those whose mobile number matches, each given a fresh link that goes to that
number by text message (through participation.notifications).

`ask_again` is what the page calls: it queues the look-up whatever was entered
and returns nothing, so the page cannot tell a match from a miss. The number
travels to the task as a keyed hash, not in clear (the task queue's table is not
where a typed number belongs)."""

import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from participation.notifications.sending import send_sms
from participation.registrations.models import Registration
from participation.reports.models import Report
from participation.roundtables.models import AgendaProposal
from participation.submissions import private_link, renew_token
from participation.volunteers.models import VolunteerSignUp

PHONE_SALT = "participation.lookup.phone"


@dataclass(frozen=True)
class LinkKind:
    """One kind of submission with a private link: where its number is kept and
    which page its link opens."""

    name: str
    model: type[models.Model]
    phone_field: str
    url_name: str


KINDS: tuple[LinkKind, ...] = (
    LinkKind("report", Report, "phone", "participation:report_track"),
    LinkKind(
        "registration",
        Registration,
        "phone",
        "participation:registration_manage",
    ),
    LinkKind("volunteer", VolunteerSignUp, "phone", "participation:volunteer_status"),
    LinkKind(
        "proposal", AgendaProposal, "contact_phone", "participation:proposal_track"
    ),
)


def phone_digest(phone: str) -> str:
    return salted_hmac(PHONE_SALT, phone).hexdigest()


def ask_again(reference: str, phone: str, language: str) -> None:
    """Queue the look-up once the request's transaction commits, whatever the
    pair: whether it matches is decided in the task."""
    from participation.lookup.tasks import resend_link

    digest = phone_digest(phone)
    transaction.on_commit(lambda: resend_link.enqueue(reference, digest, language))


def matching(reference: str, digest: str) -> list[tuple[LinkKind, models.Model]]:
    """The submissions with this reference whose number hashes to `digest` (none
    with their number erased)."""
    found = []
    for kind in KINDS:
        item = kind.model.objects.filter(reference=reference).first()
        phone = getattr(item, kind.phone_field, "") if item else ""
        if phone and hmac.compare_digest(phone_digest(phone), digest):
            found.append((kind, item))
    return found


def resend(reference: str, digest: str, language: str) -> int:
    """Give each matching submission a fresh link and text it to its number;
    returns how many were sent (0 for a wrong pair: nothing happens)."""
    sent = 0
    for kind, item in matching(reference, digest):
        phone = getattr(item, kind.phone_field)
        with transaction.atomic():
            token = renew_token(item)
        link = private_link(kind.url_name, token, language)
        with translation.override(language), timezone.override(settings.TIME_ZONE):
            text = render_to_string(
                "participation/lookup_sms.txt",
                {"kind": kind.name, "reference": item.reference, "link": link},
            )
        send_sms(
            key=f"lookup:{kind.name}:{item.pk}:{item.token_hash[:16]}",
            phone=phone,
            template="link_again",
            params={"reference": item.reference, "link": link},
            text=text,
            item=item,
            language=language,
        )
        sent += 1
    return sent
