"""Chinese a resident trusts: full-width punctuation （，：；？！（）） in every Chinese
text the project writes: the zh-hans catalogues' translations, the templates' own
text and the Chinese strings of the code and demo data. A half-width mark next to a
Chinese character fails, naming the file and the text.

English texts that quote a Chinese example ("e.g. 黄河, huanghe") keep English
punctuation: a string counts as Chinese when it has at least as many Chinese
characters as Latin letters. Times (8:30) and addresses (http://) are not
punctuation."""

import io
import re
import tokenize
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("portal", "home", "notices", "participation")
CJK = r"[\u3400-\u9fff]"
HALF_WIDTH = re.compile(
    rf"(?<={CJK})(?:[,;?!()]|:(?!\d))|[,;?!(](?={CJK})|(?<={CJK}\d):(?!\d)"
)
TRANSLATE_TAGS = re.compile(
    r"{%\s*(?:translate|trans)\s.*?%}|{%\s*blocktrans(?:late)?\b.*?%}.*?"
    r"{%\s*endblocktrans(?:late)?\s*%}|{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}",
    re.DOTALL,
)


def chinese(text: str) -> bool:
    han = len(re.findall(CJK, text))
    return han > 0 and han >= len(re.findall(r"[A-Za-z]", text))


def half_width(text: str) -> bool:
    return chinese(text) and HALF_WIDTH.search(text) is not None


def catalogue_texts() -> list[tuple[str, str]]:
    found = []
    for path in sorted(ROOT.glob("portal/locale*/zh_Hans/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                found.append((str(path.relative_to(ROOT)), text))
    return found


def template_texts() -> list[tuple[str, str]]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).glob("**/templates/**/*.html")):
            text = TRANSLATE_TAGS.sub(" ", path.read_text())
            for line in text.splitlines():
                found.append((str(path.relative_to(ROOT)), line.strip()))
    return found


def code_texts() -> list[tuple[str, str]]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).glob("**/*.py")):
            if "migrations" in path.parts:
                continue
            source = path.read_text()
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                if token.type == tokenize.STRING:
                    found.append((str(path.relative_to(ROOT)), token.string))
    return found


@pytest.mark.parametrize(
    "texts", [catalogue_texts, template_texts, code_texts], ids=lambda f: f.__name__
)
def test_chinese_text_uses_full_width_punctuation(texts):
    bad = [f"{where}: {text[:80]}" for where, text in texts() if half_width(text)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("请填写此项,谢谢", True),
        ("政策解读:门前三包", True),
        ("哪些情形可以不罚?", True),
        ("黄河社区(演示)", True),
        ("请填写此项，谢谢", False),
        ("工作日 8:30–12:00，14:00–17:30", False),
        ("e.g. 黄河, huanghe or hh", False),
        ("详见 http://example.org", False),
    ],
)
def test_the_check_tells_half_width_marks_from_times_and_english(text, wrong):
    assert half_width(text) is wrong
