"""Telling volunteers about decisions on their sign-up, through django-tasks.

Each task takes the sign-up's id and re-reads it, so a message reflects the state when
it is sent. Every volunteer gets a text message on the phone they signed up with
(through the SMS sender reports use, settings.PORTAL_SMS_BACKEND); those who gave an
email also get one. The private status page shows the decision and the reason too.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from participation.sms import sms_sender
from participation.submissions import still_in
from participation.volunteers.models import SignUpStatus, VolunteerSignUp
from participation.volunteers.teams import localized_teams


def _send(signup: VolunteerSignUp, template: str) -> bool:
    with (
        translation.override(signup.language),
        timezone.override(settings.TIME_ZONE),
    ):
        team = localized_teams([signup.team])[signup.team_id]
        context = {"signup": signup, "team": team, "kind": template}
        sms = render_to_string("participation/volunteer_sms.txt", context)
        body = ""
        if signup.email:
            body = render_to_string(
                f"participation/volunteer_email_{template}.txt", context
            )
    if signup.phone:
        sms_sender().send(signup.phone, " ".join(sms.split()))
    if body:
        subject, _newline, text = body.strip().partition("\n")
        send_mail(subject.strip(), text.strip() + "\n", None, [signup.email])
    return True


@task()
def notify_approved(signup_id: int) -> bool:
    signup = still_in(VolunteerSignUp, signup_id, SignUpStatus.APPROVED, "team")
    return _send(signup, "approved") if signup else False


@task()
def notify_declined(signup_id: int) -> bool:
    signup = still_in(VolunteerSignUp, signup_id, SignUpStatus.DECLINED, "team")
    return _send(signup, "declined") if signup else False
