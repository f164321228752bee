"""Station staff as published: nothing personal is ever stored."""

from notices.models import Staff


def test_staff_have_no_field_for_a_personal_mobile():
    names = {field.name for field in Staff._meta.get_fields()}
    assert not {name for name in names if "mobile" in name or "personal" in name}
    assert set(Staff(name="x", role="liaison").public_data()) == {
        "name",
        "role",
        "role_label",
        "unit",
        "work_phone",
        "duties",
        "photo",
    }
