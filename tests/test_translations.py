"""Every interface string is translated, and the compiled catalogues match."""

import os
import shutil
import sys
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from notices.models import EventPage, LenientItem, NoticePage
from participation.reports.admin_forms import TextActionForm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import check_translations  # noqa: E402


def test_catalogues_are_complete_and_compiled():
    problems = [
        problem
        for path in check_translations.catalogues()
        for problem in check_translations.problems_in(path)
    ]
    assert problems == []
    assert {path.parent.parent.name for path in check_translations.catalogues()} >= {
        "zh_Hans",
        "en",
    }


def test_a_stale_compiled_catalogue_is_caught(tmp_path):
    source = ROOT / "portal/locale/zh_Hans/LC_MESSAGES"
    copy = tmp_path / "locale/zh_Hans/LC_MESSAGES"
    shutil.copytree(source, copy)
    po = polib.pofile(str(copy / "django.po"))
    po[0].msgstr = po[0].msgstr + "(改)"
    po.save()
    problems = check_translations.problems_in(copy / "django.po")
    assert any("out of step" in problem for problem in problems)


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext not installed"
)
def test_every_marked_string_in_the_code_is_in_the_catalogue(tmp_path, settings):
    """Extract strings afresh into a scratch copy and compare with the catalogue."""
    for app in ("portal", "home", "notices", "participation"):
        shutil.copytree(
            ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__")
        )
    settings.LOCALE_PATHS = [tmp_path / "portal/locale"]
    committed = {
        (e.msgctxt or "", e.msgid)
        for e in polib.pofile(str(ROOT / "portal/locale/zh_Hans/LC_MESSAGES/django.po"))
        if not e.obsolete
    }
    cwd = Path.cwd()
    try:
        os.chdir(tmp_path)
        call_command("makemessages", locale=["zh_Hans"], no_obsolete=True, verbosity=0)
    finally:
        os.chdir(cwd)
    fresh = polib.pofile(str(tmp_path / "portal/locale/zh_Hans/LC_MESSAGES/django.po"))
    missing = sorted(
        e.msgid for e in fresh if (e.msgctxt or "", e.msgid) not in committed
    )
    assert missing == [], "run `make messages` and translate: " + repr(missing[:10])
    untranslated = [e.msgid for e in fresh if not e.translated()]
    assert untranslated == []


def test_one_english_word_reads_as_each_place_means_it():
    """`scope`, `description`, `Text` and `Progress` each need two Chinese words."""

    def label(model, name: str) -> str:
        return str(model._meta.get_field(name).verbose_name)

    heading = Template('{% load i18n %}{% translate "Progress" context "report" %}')
    with translation.override("zh-hans"):
        assert label(NoticePage, "scope") == "发布范围"
        assert label(LenientItem, "scope") == "适用范围"
        assert label(EventPage, "body") == "活动介绍"
        assert str(TextActionForm().fields["text"].label) == "内容"
        assert heading.render(Context()) == "办理进度"
    with translation.override("en"):
        assert label(NoticePage, "scope") == label(LenientItem, "scope") == "scope"
        assert heading.render(Context()) == "Progress"


def test_filling_english_keeps_wording_chosen_on_purpose(tmp_path, monkeypatch):
    """`make messages` fills the English catalogue from the source strings, but an
    English wording chosen for the glossary stays, unless makemessages marked it
    fuzzy because its source changed."""
    folder = tmp_path / "portal/locale/en/LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Escalate (吹哨)", msgstr="Call in a department"))
    po.append(polib.POEntry(msgid="New string", msgstr=""))
    po.append(
        polib.POEntry(msgid="Changed source", msgstr="Old wording", flags=["fuzzy"])
    )
    po.save(str(folder / "django.po"))
    monkeypatch.setattr(check_translations, "ROOT", tmp_path)
    monkeypatch.setattr(sys, "argv", ["check_translations.py", "--fill-english"])
    check_translations.main()
    filled = {
        entry.msgid: entry.msgstr for entry in polib.pofile(str(folder / "django.po"))
    }
    assert filled == {
        "Escalate (吹哨)": "Call in a department",
        "New string": "New string",
        "Changed source": "Changed source",
    }
