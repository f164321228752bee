"""The one-pass select used for the report form's hundreds of communities."""

from bs4 import BeautifulSoup
from django import forms

from portal.widgets import LongSelect


class PlaceForm(forms.Form):
    community = forms.ChoiceField(
        widget=LongSelect,
        choices=[
            ("", "Choose…"),
            ("黄河街道", [("13", "黄河社区"), ("15", '<script>alert("x")</script>')]),
            ("淮海街道", [("23", "光明社区")]),
        ],
    )


def test_it_reads_like_djangos_select_with_the_answer_kept():
    html = str(PlaceForm(data={"community": "23"})["community"])
    select = BeautifulSoup(html, "html.parser").select_one("select")

    assert select["name"] == "community"
    assert select["id"] == "id_community"
    assert select.has_attr("required")
    assert [group["label"] for group in select.select("optgroup")] == [
        "黄河街道",
        "淮海街道",
    ]
    assert [option["value"] for option in select.select("option[selected]")] == ["23"]
    assert select.select_one("option")["value"] == ""


def test_labels_are_escaped():
    html = str(PlaceForm()["community"])

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
