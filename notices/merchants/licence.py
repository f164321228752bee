"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
a 31-character alphabet (digits and capitals without I, O, Z, S, V), the last one a
check character computed from the first 17."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(first17: str) -> str:
    """The check character for the code's first 17 characters."""
    total = sum(
        ALPHABET.index(char) * weight
        for char, weight in zip(first17, WEIGHTS, strict=True)
    )
    return ALPHABET[(31 - total % 31) % 31]


def normalise(value: str) -> str:
    """As people type it: spaces dropped, letters in capitals."""
    return "".join(str(value or "").split()).upper()


def problem(code: str) -> str | None:
    """What is wrong with a (normalised) code, or None when it is valid."""
    if len(code) != LENGTH:
        return str(_("A unified social credit code has 18 characters."))
    if any(char not in ALPHABET for char in code):
        return str(
            _(
                "A unified social credit code uses digits and capital letters "
                "except I, O, Z, S and V."
            )
        )
    if check_character(code[:17]) != code[17]:
        return str(
            _(
                "The last character of this unified social credit code does not "
                "match the others: check for a typing mistake."
            )
        )
    return None


def validate_licence_number(value: str) -> None:
    if message := problem(normalise(value)):
        raise ValidationError(message, code="licence_number")
