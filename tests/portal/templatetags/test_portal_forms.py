"""The `portal` crispy-forms pack: announced errors that link to their fields."""

from bs4 import BeautifulSoup
from django import forms
from django.template import Context, Template
from django.utils import translation


class SampleForm(forms.Form):
    phone = forms.CharField(label="Mobile", help_text="11 digits")
    days = forms.MultipleChoiceField(
        label="Days",
        choices=[("mon", "Monday"), ("tue", "Tuesday")],
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label="Note", required=False)
    consent = forms.BooleanField(label="I agree")


def render(form) -> BeautifulSoup:
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
        Context({"form": form})
    )
    return BeautifulSoup(html, "html.parser")


def test_errors_are_summarised_with_links_to_each_field():
    with translation.override("zh-hans"):
        soup = render(SampleForm(data={}))
    summary = soup.select_one("#error-summary")
    assert summary["role"] == "alert"
    assert "请更正以下内容" in summary.text
    targets = [a["href"] for a in summary.select("a")]
    assert targets == ["#id_phone", "#id_days_0", "#id_consent"]


def test_invalid_fields_point_to_their_help_and_error_text():
    soup = render(SampleForm(data={"phone": ""}))
    phone = soup.select_one("#id_phone")
    assert phone["aria-invalid"] == "true"
    assert phone["aria-describedby"] == "id_phone_help id_phone_error"
    assert soup.select_one("#id_phone_error").text.strip()
    assert soup.select_one("label[for=id_phone]").text.startswith("Mobile")


def test_choice_groups_are_fieldsets_with_a_legend_and_optional_fields_say_so():
    with translation.override("en"):
        soup = render(SampleForm())
    group = soup.select_one("fieldset#field_id_days")
    assert group.legend.text.strip() == "Days"
    assert len(group.select("input[type=checkbox]")) == 2
    assert "(optional)" in soup.select_one("label[for=id_note]").text
    assert soup.select_one("#error-summary") is None
    assert soup.select_one("#id_phone").get("aria-invalid") is None
