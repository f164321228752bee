"""The rules of a model-merchant campaign, in one place each: nominating, putting a
nomination on the shortlist, asking for a vote code, casting the vote, counting and
confirming the results. Views and the admin call these; tests call them directly.

One vote per phone number per campaign: the number is kept only as a keyed hash
(HMAC with the site's secret key, so a copied table cannot be matched against a list
of numbers), and the unique constraint on (campaign, phone hash) decides when two
confirmations race. Whether a number has voted is told only after its code was
confirmed, so nobody can ask the form whether someone else voted.
"""

import datetime as dt
import hmac
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notices.models import Campaign, Merchant, Phase
from participation.campaigns.models import (
    Candidate,
    Nomination,
    NominationStatus,
    Vote,
    VoteCode,
)
from participation.languages import localized_communities
from participation.notifications.sending import send_sms
from participation.submissions import SubmissionError, hash_token, new_token

PHONE_SALT = "participation.campaigns.phone"
CODE_SALT = "participation.campaigns.code"
CODE_LIFETIME = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 5
CODE_DIGITS = 6


class CampaignError(SubmissionError):
    """A rule refused: the message is shown on the form."""


def phone_hash(phone: str) -> str:
    return salted_hmac(PHONE_SALT, phone).hexdigest()


def code_hash(token_hash: str, code: str) -> str:
    return salted_hmac(CODE_SALT, f"{token_hash}:{code}").hexdigest()


def campaign_merchants(campaign: Campaign):
    """The listed shops a campaign takes: its community's, or every one."""
    merchants = Merchant.objects.filter(listed=True)
    if campaign.community_id:
        merchants = merchants.filter(
            community__translation_key=campaign.community.translation_key
        )
    return merchants


def find_merchant(campaign: Campaign, name: str, community) -> Merchant:
    """The shop a resident names, or a clear refusal."""
    name = " ".join((name or "").split())
    found = campaign_merchants(campaign).filter(
        name__iexact=name, community__translation_key=community.translation_key
    )
    merchant = found.first()
    if merchant is None:
        raise CampaignError(
            "unknown-shop",
            _(
                "We found no shop called “%(name)s” in %(community)s in the merchant "
                "register. Write the name as it is on the shop sign, or check the "
                "community."
            )
            % {"name": name, "community": in_reader_language(community).title},
            "shop_name",
        )
    return merchant


def in_reader_language(community):
    """The community page in the reader's language where it is translated."""
    return localized_communities([community.pk]).get(community.pk, community)


def nominate(
    campaign: Campaign, merchant: Merchant, reason: str, submission_key: str
) -> Nomination:
    if campaign.phase() != Phase.NOMINATING:
        raise CampaignError(
            "closed", _("This campaign is not taking nominations now."), None
        )
    nomination = Nomination(
        campaign=campaign,
        merchant=merchant,
        reason=reason.strip(),
        submission_key=submission_key,
    )
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as error:
        raise CampaignError(
            "duplicate", _("This nomination was already received."), None
        ) from error
    return nomination


def accept(nomination: Nomination) -> Candidate:
    """Put the nominated shop on the shortlist (once, however often nominated)."""
    if nomination.campaign.phase() in (Phase.VOTING, Phase.COUNTING, Phase.RESULTS):
        raise CampaignError(
            "voting-started",
            _("Voting has started: the shortlist can no longer change."),
            None,
        )
    with transaction.atomic():
        candidate, _created = Candidate.objects.get_or_create(
            campaign=nomination.campaign, merchant=nomination.merchant
        )
        nomination.status = NominationStatus.ACCEPTED
        nomination.save(update_fields=["status"])
    return candidate


def decline(nomination: Nomination) -> None:
    nomination.status = NominationStatus.DECLINED
    nomination.save(update_fields=["status"])


def request_code(candidate: Candidate, phone: str, language: str) -> str:
    """Send a code to `phone` for a vote for `candidate`; returns the token of the
    page that asks for it."""
    campaign = candidate.campaign
    if campaign.phase() != Phase.VOTING:
        raise CampaignError("closed", _("Voting is not open now."), None)
    token = new_token()
    token_hash = hash_token(token)
    code = "".join(secrets.choice("0123456789") for _i in range(CODE_DIGITS))
    pending = VoteCode.objects.create(
        campaign=campaign,
        candidate=candidate,
        token_hash=token_hash,
        phone_hash=phone_hash(phone),
        code_hash=code_hash(token_hash, code),
        expires_at=timezone.now() + CODE_LIFETIME,
    )
    minutes = int(CODE_LIFETIME.total_seconds() // 60)
    send_sms(
        key=f"campaign-vote-code:{pending.pk}",
        phone=phone,
        template="campaign_vote_code",
        params={"code": code, "minutes": str(minutes)},
        text=str(
            _("Your voting code is %(code)s. It works for %(minutes)d minutes.")
            % {"code": code, "minutes": minutes}
        ),
        language=language,
    )
    return token


def find_code(token: str) -> VoteCode | None:
    if not token or len(token) > 100:
        return None
    return (
        VoteCode.objects.filter(token_hash=hash_token(token))
        .select_related("campaign", "candidate__merchant")
        .first()
    )


def cast(campaign: Campaign, candidate: Candidate, hashed_phone: str) -> Vote:
    """Store one vote; a second one for the same number and campaign is refused by
    the database's unique constraint."""
    try:
        with transaction.atomic():
            return Vote.objects.create(
                campaign=campaign, candidate=candidate, phone_hash=hashed_phone
            )
    except IntegrityError as error:
        raise CampaignError(
            "already-voted",
            _("This phone number has already voted in this campaign."),
            None,
        ) from error


def confirm_code(pending: VoteCode, code: str) -> Vote:
    """Check the code typed in and cast the vote."""
    if pending.used_at is not None:
        raise CampaignError("used", _("This code was already used."), "code")
    if pending.expires_at <= timezone.now():
        raise CampaignError(
            "expired", _("This code has expired. Ask for a new one."), "code"
        )
    if pending.attempts >= MAX_ATTEMPTS:
        raise CampaignError(
            "attempts",
            _("Too many wrong codes. Ask for a new one."),
            "code",
        )
    if pending.campaign.phase() != Phase.VOTING:
        raise CampaignError("closed", _("Voting is not open now."), None)
    # Count the attempt first, in its own statement, so parallel guesses count too.
    VoteCode.objects.filter(pk=pending.pk).update(attempts=F("attempts") + 1)
    pending.attempts += 1
    typed = "".join((code or "").split())
    if not hmac.compare_digest(code_hash(pending.token_hash, typed), pending.code_hash):
        left = MAX_ATTEMPTS - pending.attempts
        raise CampaignError(
            "wrong-code",
            ngettext(
                "This code is not right. %(left)d try left.",
                "This code is not right. %(left)d tries left.",
                left,
            )
            % {"left": left},
            "code",
        )
    vote = cast(pending.campaign, pending.candidate, pending.phone_hash)
    VoteCode.objects.filter(pk=pending.pk).update(used_at=timezone.now())
    return vote


def tally(campaign: Campaign) -> list[Candidate]:
    """The shortlist with each shop's votes so far (staff only), most first."""
    return list(
        campaign.candidates.select_related("merchant")
        .annotate(votes_counted=Count("votes"))
        .order_by("-votes_counted", "merchant__name")
    )


def confirm_results(campaign: Campaign, user) -> None:
    """Freeze the counts and publish them; only once voting has closed."""
    if campaign.phase() != Phase.COUNTING:
        raise CampaignError(
            "not-closed",
            _("Results can be confirmed once voting has closed, and only once."),
            None,
        )
    with transaction.atomic():
        for candidate in tally(campaign):
            candidate.confirmed_votes = candidate.votes_counted
            candidate.save(update_fields=["confirmed_votes"])
        campaign.results_confirmed_at = timezone.now()
        campaign.results_confirmed_by = user
        campaign.save(update_fields=["results_confirmed_at", "results_confirmed_by"])


def purge_codes(before: dt.datetime | None = None) -> int:
    """Codes have no use once expired: delete them (the scheduler runs this)."""
    before = before or timezone.now() - dt.timedelta(days=1)
    deleted, _rows = VoteCode.objects.filter(expires_at__lt=before).delete()
    return deleted
