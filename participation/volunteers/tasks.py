"""Telling volunteers their sign-up is received (with its private status link) and
about the decisions on it, through django-tasks.

Each task takes the sign-up's id and re-reads it, so a message reflects the state when
it is sent. Every volunteer gets a text message on the phone they signed up with
through participation.notifications (the SMS sender of settings.PORTAL_SMS_BACKEND);
those who gave an email also get one. The private status page shows the decision and
the reason too.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from participation.notifications.sending import send_email, send_sms
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
    key = f"signup:{signup.pk}:{template}"
    if signup.phone:
        send_sms(
            key=f"{key}:sms",
            phone=signup.phone,
            template=f"volunteer_{template}",
            params={
                "reference": signup.reference,
                "team": str(team.name),
                "reason": signup.decision_reason,
            },
            text=sms,
            item=signup,
            language=signup.language,
        )
    if body:
        subject, _newline, text = body.strip().partition("\n")
        send_email(
            key=f"{key}:email",
            to=signup.email,
            template=f"volunteer_{template}",
            subject=subject,
            body=text,
            item=signup,
            language=signup.language,
        )
    return True


@task()
def notify_approved(signup_id: int) -> bool:
    signup = still_in(VolunteerSignUp, signup_id, SignUpStatus.APPROVED, "team")
    return _send(signup, "approved") if signup else False


@task()
def notify_declined(signup_id: int) -> bool:
    signup = still_in(VolunteerSignUp, signup_id, SignUpStatus.DECLINED, "team")
    return _send(signup, "declined") if signup else False


@task()
def confirm_signup(signup_id: int, status_url: str) -> bool:
    """The sign-up is received: a text message with its private status link."""
    signup = still_in(VolunteerSignUp, signup_id, SignUpStatus.PENDING, "team")
    if signup is None or not (signup.phone and signup.consented_at):
        return False
    with (
        translation.override(signup.language),
        timezone.override(settings.TIME_ZONE),
    ):
        team = localized_teams([signup.team])[signup.team_id]
        text = render_to_string(
            "participation/volunteer_sms.txt",
            {"signup": signup, "team": team, "kind": "received", "link": status_url},
        )
    send_sms(
        key=f"signup:{signup.pk}:received:sms",
        phone=signup.phone,
        template="volunteer_received",
        params={
            "reference": signup.reference,
            "team": str(team.name),
            "link": status_url,
        },
        text=text,
        item=signup,
        language=signup.language,
    )
    return True
