"""Reading a reference code the way residents copy it
(participation/lookup/forms.py)."""

import pytest

from participation.lookup.forms import normalise_reference


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("K7M2QX9P", "K7M2QX9P"),
        ("k7m2qx9p", "K7M2QX9P"),
        (" K7M2-QX9P ", "K7M2QX9P"),
        ("K7M2 QX9P", "K7M2QX9P"),
        ("ｋ７ｍ２ｑｘ９ｐ", "K7M2QX9P"),  # a phone keyboard's full-width letters
        ("#V7M2QX9P", "V7M2QX9P"),
    ],
)
def test_a_reference_is_read_as_people_write_it(typed, read):
    assert normalise_reference(typed) == read


@pytest.mark.parametrize(
    "typed",
    ["", "K7M2QX9", "K7M2QX9PP", "K0M2QX9P", "编号K7M2QX9P", "😀" * 8, "K" * 41],
)
def test_what_cannot_be_a_reference_is_refused_before_any_query(typed):
    assert normalise_reference(typed) is None
