"""What every resident submission shares: references, private-link tokens, masks."""

import pytest
from django.utils import translation

from participation.models import Registration, Report, VolunteerSignUp
from participation.registrations.models import RegistrationStatus
from participation.submissions import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    SubmissionError,
    find_by_token,
    mask_phone,
    new_reference,
    save_new,
    still_in,
    submission_language,
)
from tests.notices.event_builders import event_index, make_event
from tests.participation.registration_builders import sign_up


@pytest.mark.parametrize("prefix", ["", "V", "T"])
def test_a_reference_has_its_length_and_only_unmistakable_characters(prefix):
    reference = new_reference(prefix)
    assert len(reference) == REFERENCE_LENGTH and reference.startswith(prefix)
    assert set(reference[len(prefix) :]) <= set(REFERENCE_ALPHABET)
    assert not set(reference) & set("0O1I")


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Report, Registration, VolunteerSignUp])
@pytest.mark.parametrize("token", ["", "a" * 101, "abc'; --", "../../etc"])
def test_a_forged_link_opens_nothing_and_asks_the_database_nothing(
    model, token, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert find_by_token(model.objects.all(), token) is None


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13812345678", "138****5678"), ("0516-83000000", "051****0000"), ("12", "**")],
)
def test_phones_keep_only_their_ends(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.django_db
def test_a_submission_refused_by_a_unique_constraint_raises_the_message_given(
    bilingual_site,
):
    first = sign_up(make_event(event_index(bilingual_site.home_zh)), 1).registration
    twin = Registration(
        event=first.event,
        status=first.status,
        reference="ZZZZ9999",
        token_hash="x" * 64,
        name="别人",
        phone=first.phone,
        consented_at=first.consented_at,
    )
    duplicate = SubmissionError("already-registered", "taken", "phone")
    with pytest.raises(SubmissionError) as refused:
        save_new(twin, duplicate)
    assert refused.value is duplicate
    # The refusal is contained: the caller's transaction still answers queries.
    assert list(Registration.objects.values_list("pk", flat=True)) == [first.pk]


def test_a_submission_speaks_the_language_given_else_the_active_one():
    assert submission_language("en") == "en"
    with translation.override("zh-hans"):
        assert submission_language("") == "zh-hans"


@pytest.mark.django_db
def test_a_message_task_finds_a_submission_only_while_it_still_stands_so(
    bilingual_site,
):
    registration = sign_up(
        make_event(event_index(bilingual_site.home_zh)), 1
    ).registration
    confirmed, cancelled = RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED
    assert still_in(Registration, registration.pk, confirmed) == registration
    Registration.objects.filter(pk=registration.pk).update(status=cancelled)
    assert still_in(Registration, registration.pk, confirmed) is None
