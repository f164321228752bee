"""notices/merchants/licence.py: the unified social credit code's format and check
character."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from notices.merchants.licence import normalise, problem, validate_licence_number

# Codes printed on real licences (public registers), with their check characters.
VALID = ["91350100M000100Y43", "91110000600037341L"]


@pytest.mark.parametrize("code", VALID)
def test_published_codes_pass(code):
    assert problem(code) is None


def test_spaces_and_small_letters_are_read_as_people_type_them():
    assert normalise(" 9135 0100m000100y43 ") == "91350100M000100Y43"
    validate_licence_number("9135 0100m000100y43")


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("91350100M000100Y44", "does not match"),  # last character changed
        ("91350100M000100Y4", "18 characters"),
        ("91350100M000100Y433", "18 characters"),
        ("91350100O000100Y43", "except I, O, Z, S and V"),
    ],
)
def test_a_wrong_code_is_refused_with_the_reason(code, says):
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        validate_licence_number(code)
    assert says in raised.value.messages[0]


def test_one_typing_mistake_in_the_body_is_caught_by_the_check_character():
    # Swap two characters of a valid code: the check character no longer fits.
    assert problem("91350100M000010Y43") is not None
