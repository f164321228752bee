"""Peak memory of cleaning report photos (issue 22): each case in a fresh process.

Builds the test images once in a temporary folder, then for each case starts a new
Python that sets Django up, hands the files to the report form's photo field as
uploads and prints its peak resident size (ru_maxrss) before and after. Goal: cleaning
any accepted upload keeps a worker under about 300 MB.

    .venv/bin/python bench/photo_memory.py [--old path/to/photos.py]

--old also measures another photos.py (e.g. `git show HEAD~1:participation/photos.py`
saved to a file) in place of participation/photos.py, through the same field, for a
before/after column.
Writes the "Photo cleaning memory" section of bench/REPORT.md.
"""

import argparse
import datetime
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

try:
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - installed with Wagtail
    pillow_heif = None

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, resource, sys
import django
from django.core.files.uploadedfile import SimpleUploadedFile
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
old = sys.argv[2]
if old:
    # The other photos.py stands in for participation.photos, so that the same
    # form field (header checks, per-report budget, cleaning) runs it.
    import importlib.util
    import participation
    spec = importlib.util.spec_from_file_location("participation.photos", old)
    module = importlib.util.module_from_spec(spec)
    sys.modules["participation.photos"] = module
    spec.loader.exec_module(module)
django.setup()
from django.core.exceptions import ValidationError
from participation.reports.forms import PhotosField
field_clean = PhotosField().clean
files = []
for path in json.loads(sys.argv[1]):
    with open(path, "rb") as handle:
        files.append(SimpleUploadedFile(os.path.basename(path), handle.read()))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    result = f"accepted {len(field_clean(files))}"
except ValidationError as error:
    result = "refused: " + " ".join(error.messages)
except Exception as error:
    result = f"refused: {error}"
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
figures = {"before_mb": before / 1024, "peak_mb": peak / 1024}
print(json.dumps({**figures, "result": result}))
"""


def gradient(size: tuple[int, int], mode: str) -> Image.Image:
    """A smooth picture: compresses well, like the flat bombs of issue 22."""
    red = Image.linear_gradient("L").resize(size)
    green = red.transpose(Image.Transpose.ROTATE_90).resize(size)
    bands = [red, green, Image.new("L", size, 90)]
    if mode == "RGBA":
        bands.append(Image.new("L", size, 200))
    return Image.merge(mode, bands)


def save(image: Image.Image, folder: Path, name: str, fmt: str, **options) -> Path:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


def build(folder: Path) -> None:
    save(
        Image.new("RGBA", (7000, 7000), (20, 30, 40, 255)),
        folder,
        "huge.png",
        "PNG",
        optimize=True,
    )
    side = 4999  # 24.99 Mpx: the largest square within the 25 Mpx budget
    save(gradient((6000, 4000), "RGB"), folder, "24mpx.jpg", "JPEG", quality=80)
    save(gradient((side, side), "RGBA"), folder, "25mpx.png", "PNG")
    save(gradient((2449, 2449), "RGBA"), folder, "6mpx.webp", "WEBP")
    save(gradient((side, side), "RGBA"), folder, "25mpx.webp", "WEBP")
    phone = gradient((5712, 4284), "RGB")
    save(phone, folder, "24mpx.heic", "HEIF", quality=60)
    # As phones store them: a grid of 512-pixel tiles, each coded on its own.
    save(phone, folder, "24mpx-tiled.heic", "HEIF", quality=60, tile_size=512)
    save(gradient((5000, 4000), "RGBA"), folder, "20mpx.png", "PNG")


def cases(folder: Path) -> dict[str, list[Path]]:
    names = ("huge.png", "24mpx.jpg", "25mpx.png", "6mpx.webp", "25mpx.webp")
    huge, jpeg, png, webp, big_webp = (folder / name for name in names)
    heic, twenty = folder / "24mpx.heic", folder / "20mpx.png"
    tiled = folder / "24mpx-tiled.heic"
    return {
        "three 7000x7000 RGBA PNG": [huge, huge, huge],
        "one 24 Mpx JPEG (6000x4000)": [jpeg],
        "one 25 Mpx RGBA PNG (4999x4999)": [png],
        "one 6 Mpx RGBA WebP (2449x2449)": [webp],
        "one 25 Mpx RGBA WebP (4999x4999)": [big_webp],
        "one 24.5 Mpx HEIC (5712x4284, one image)": [heic],
        "one 24.5 Mpx HEIC (5712x4284, 512 px tiles)": [tiled],
        "three 20 Mpx RGBA PNG (60 Mpx in all)": [twenty, twenty, twenty],
        "two 20 Mpx RGBA PNG + 24 Mpx JPEG": [twenty, twenty, jpeg],
    }


def measure(paths: list[Path], old: str) -> dict:
    output = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", CHILD, json.dumps([str(p) for p in paths]), old],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def outcome(figures: dict) -> str:
    return f"{figures['peak_mb']:.0f} MB" + (
        " (refused)" if figures["result"].startswith("refused") else ""
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="", help="another photos.py to measure")
    parser.add_argument("--build", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(Path(args.build))
        return
    rows, setup = [], []
    with tempfile.TemporaryDirectory() as tmp:
        # Built in a process of its own: a child's peak RSS counts its parent's
        # (Linux keeps ru_maxrss across fork and exec).
        subprocess.run([sys.executable, __file__, "--build", tmp], check=True)  # noqa: S603
        for name, paths in cases(Path(tmp)).items():
            upload_kb = sum(path.stat().st_size for path in paths) / 1024
            figures = measure(paths, "")
            before = measure(paths, str(Path(args.old).resolve())) if args.old else None
            setup.append(figures["before_mb"])
            print(  # noqa: T201
                f"{name:44} {upload_kb:6.0f} KB  peak {figures['peak_mb']:4.0f} MB"
                + (f" (before {before['peak_mb']:4.0f} MB)" if before else "")
                + f"  after setup {figures['before_mb']:4.0f} MB  {figures['result']}"
            )
            rows.append(
                f"| {name} | {upload_kb:.0f} | "
                + (f"{outcome(before)} | " if before else "")
                + f"{outcome(figures)} | {figures['result']} |"
            )
    write_report(rows, min(setup), max(setup), bool(args.old))


def write_report(rows: list[str], low: float, high: float, old: bool) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from server import write_report_section

    when = datetime.datetime.now().astimezone()
    head = "| case | upload KB | " + ("before | " if old else "") + "peak | result |"
    lines = [
        f"Measured {when:%Y-%m-%d %H:%M %Z} by bench/photo_memory.py: each case in a "
        "fresh Python that sets Django up (test settings) and cleans the uploads "
        "through the report form's photo field; peak resident size (ru_maxrss) of "
        f"that process. Django alone: {low:.0f}–{high:.0f} MB. Goal: cleaning any "
        "accepted upload keeps a worker under about 300 MB."
        + (
            " Before = the previous participation/photos.py in its place, through "
            "the same field."
            if old
            else ""
        ),
        "",
        head,
        "| --- | ---: | " + ("---: | " if old else "") + "---: | --- |",
        *rows,
    ]
    write_report_section("Photo cleaning memory", "\n".join(lines))


if __name__ == "__main__":
    main()
