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
        if entry.msgid in table and (not entry.msgstr or "fuzzy" in entry.flags):
            entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
    po.save()
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    print(f"filled {filled}; still untranslated: {len(missing)}")  # noqa: T201
    for msgid in missing:
        print("  ", repr(msgid))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
