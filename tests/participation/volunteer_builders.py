"""Builders for the volunteer tests: a resident signing up, the public form's data."""

import time

from participation.abuse import form_token
from participation.volunteers.signups import sign_up

PLANTED_NAME, PLANTED_PHONE = "欧阳晓禾", "13988887777"
ACTING = ("view_volunteersignup", "change_volunteersignup")


def join(world, name="王秀英", phone="13912345678", team="silver", where="here", **kw):
    values = {
        "team": world[team],
        "community": world[where],
        "name": name,
        "phone": phone,
        "age_bracket": "60_74",
        "days": [2, 4],
        "time_slots": ["morning"],
        **kw,
    }
    return sign_up(**values)


def form_data(world, **overrides) -> dict:
    return {
        "name": "王秀英",
        "phone": "139 1234 5678",
        "email": "",
        "community": str(world["here"].pk),
        "team": str(world["silver"].pk),
        "days": ["2", "4"],
        "time_slots": ["morning"],
        "skills": "急救",
        "age_bracket": "60_74",
        "honour_roll": "on",
        "consent": "on",
        "website": "",
        "form_token": form_token(issued_at=time.time() - 60),
        **overrides,
    }
