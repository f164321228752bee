"""Keep the message catalogues honest without needing GNU gettext.

The .po files are the only source of translations: Chinese is written in
portal/locale/zh_Hans/LC_MESSAGES/django.po by hand.

- every zh_Hans entry is translated and not fuzzy;
- every .mo holds exactly what its .po says (a stale .mo fails);
- `--fill-english` sets every English msgstr to its msgid (English is the source)
  unless it already holds other wording that is not fuzzy (the glossary's term
  for a programme word, docs/glossary.md), and saves every catalogue in polib's
  layout, so that `make messages` (whose makemessages wraps lines differently)
  does not re-wrap the files wholesale;
- `--compile` writes each .mo from its .po with polib.
"""

import argparse
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
# portal/locale (the portal's strings) and portal/locale_wagtail (Wagtail's).
CATALOGUE_GLOB = "*/locale*/*/LC_MESSAGES/django.po"


def catalogues() -> list[Path]:
    return sorted(p for p in ROOT.glob(CATALOGUE_GLOB) if ".venv" not in p.parts)


def entries(catalogue) -> dict[tuple[str, str], object]:
    result = {}
    for entry in catalogue:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        key = (entry.msgctxt or "", entry.msgid)
        result[key] = (
            tuple(entry.msgstr_plural.values())
            if entry.msgid_plural
            else (entry.msgstr)
        )
    return result


def problems_in(po_path: Path) -> list[str]:
    po = polib.pofile(str(po_path))
    found = []
    language = po_path.parent.parent.name
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"{po_path}: fuzzy entry {entry.msgid!r}")
        elif language != "en" and not entry.translated():
            found.append(f"{po_path}: untranslated {entry.msgid!r}")
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        found.append(f"{mo_path}: missing; run `make compilemessages`")
    else:
        wanted = {k: v for k, v in entries(po).items() if k[1] and v}
        have = {
            k: v for k, v in entries(polib.mofile(str(mo_path))).items() if k[1] and v
        }
        if wanted != have:
            changed = set(wanted.items()) ^ set(have.items())
            stale = sorted({msgid for (_context, msgid), _text in changed})
            found.append(
                f"{mo_path}: out of step with its .po ({len(stale)} messages differ, "
                f"e.g. {stale[:3]}); run `make compilemessages`"
            )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fill-english", action="store_true")
    parser.add_argument("--compile", action="store_true")
    args = parser.parse_args()
    for po_path in catalogues():
        po = polib.pofile(str(po_path))
        if args.fill_english and po_path.parent.parent.name == "en":
            for entry in po:
                fuzzy = "fuzzy" in entry.flags
                if fuzzy:
                    entry.flags.remove("fuzzy")
                elif entry.msgstr and not entry.msgid_plural:
                    continue  # wording chosen on purpose, see docs/glossary.md
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                else:
                    entry.msgstr = entry.msgid
        if args.fill_english:
            po.save()
        if args.compile:
            po.save_as_mofile(str(po_path.with_suffix(".mo")))
    problems = [problem for path in catalogues() for problem in problems_in(path)]
    for problem in problems:
        print(problem, file=sys.stderr)  # noqa: T201
    if problems:
        return 1
    print(f"translations: {len(catalogues())} catalogues complete and compiled")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
