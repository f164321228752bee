"""Write Chinese translations into the zh_Hans catalogue from a Python dict file.

Usage: python scripts/set_translations.py [FILE.py ...]  (each file defines T = {...});
with no file, every scripts/zh/*.py. Empty or fuzzy entries are filled from the tables;
existing translations are kept.
"""

import runpy
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main(paths: list[str]) -> int:
    table: dict[str, str] = {}
    for path in paths or sorted(str(p) for p in (ROOT / "scripts/zh").glob("*.py")):
        table.update(runpy.run_path(path)["T"])
    po_path = ROOT / "portal/locale/zh_Hans/LC_MESSAGES/django.po"
    po = polib.pofile(str(po_path))
    filled = 0
    for entry in po:
        if entry.msgid not in table:
            continue
        fuzzy = "fuzzy" in entry.flags
        if entry.msgid_plural:
            # Chinese has one plural form.
            if fuzzy or not entry.msgstr_plural.get(0):
                entry.msgstr_plural = {0: table[entry.msgid]}
                filled += 1
        elif fuzzy or not entry.msgstr:
            entry.msgstr = table[entry.msgid]
            filled += 1
        if fuzzy:
            entry.flags.remove("fuzzy")
    po.save()
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    print(f"filled {filled}; still untranslated: {len(missing)}")  # noqa: T201
    for msgid in missing:
        print("  ", repr(msgid))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
