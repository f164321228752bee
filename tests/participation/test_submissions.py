"""What every resident submission shares: references, private-link tokens, masks."""

import pytest

from participation.models import Registration, Report, VolunteerSignUp
from participation.submissions import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    find_by_token,
    mask_phone,
    new_reference,
)


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
