"""The wall poster (上墙公示): staff, hours and phones on one printed A4 page, and a QR
code that opens the report form with the community preselected."""

import io
import re
import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from bs4 import BeautifulSoup
from PIL import Image

from notices.stations import poster as station_poster
from tests.conftest import translate
from tests.notices.station_builders import small_tree, staff

pytestmark = pytest.mark.django_db
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def decode_qr(image: Image.Image) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    return [result.text for result in zxingcpp.read_barcodes(image)]


def crowded_station(site, members: int = 12):
    """A community with a leader and `members` staff with photos: the fullest poster."""
    _index, _district, _sub, pages = small_tree(
        site, communities=1, staff_per_community=members
    )
    page = pages[0]
    page.bureau_leader = staff("L1", site.zh, name="李局长", role="bureau_leader")
    page.duty_summary = "占道经营、违法建设、飞线充电、环境卫生。" * 4
    page.save_revision().publish()
    return page


def test_poster_shows_station_staff_phones_hours_and_qr(client, bilingual_site):
    page = crowded_station(bilingual_site, members=3)
    soup = BeautifulSoup(client.get(page.url + "poster/").content, "html.parser")
    assert soup.select_one(".poster__title").text == "黄河社区"
    people = soup.select(".poster__person")
    assert [p.select_one(".poster__name").text for p in people] == [
        "李局长",
        "职员0-0",
        "职员0-1",
        "职员0-2",
    ]
    assert people[1].select_one("img")["alt"] == "职员0-0"
    assert people[1].select_one(".poster__phone").text == "0516-80000001"
    assert "08:30–12:00" in soup.select_one(".poster__hours").text
    assert "0516-83000000" in soup.select_one(".poster__phones").text
    assert soup.select_one(".poster__qr svg.poster__qr-code") is not None
    assert "占道经营" in soup.select_one(".poster__duties").text


def test_qr_encodes_the_report_form_for_this_community(
    client, bilingual_site, monkeypatch
):
    page = crowded_station(bilingual_site, members=1)
    given = []
    real_make = segno.make

    def recording_make(content, **kwargs):
        given.append(content)
        return real_make(content, **kwargs)

    monkeypatch.setattr(station_poster.segno, "make", recording_make)
    response = client.get(page.url + "qr/png/")
    assert response["Content-Type"] == "image/png"
    assert given == [f"http://testserver/zh-hans/report/?community={page.pk}"]
    image = Image.open(io.BytesIO(response.content))
    assert decode_qr(image) == given


def test_english_qr_opens_the_english_form_with_the_chinese_page_id(
    client, bilingual_site
):
    index, district, sub, pages = small_tree(bilingual_site, communities=1)
    for parent in (index, district, sub):
        translate(parent, bilingual_site.en, title=f"EN {parent.title}")
    english = translate(pages[0], bilingual_site.en, title="Huanghe Community")
    response = client.get(english.url + "qr/png/")
    (url,) = decode_qr(Image.open(io.BytesIO(response.content)))
    parts = urlsplit(url)
    assert parts.path == "/en/report/"
    assert parse_qs(parts.query) == {"community": [str(pages[0].pk)]}


def test_qr_downloads_as_svg(client, bilingual_site):
    _index, _district, _sub, pages = small_tree(bilingual_site, communities=1)
    response = client.get(pages[0].url + "qr/svg/")
    assert response["Content-Type"] == "image/svg+xml"
    assert f"station-{pages[0].pk}-qr.svg" in response["Content-Disposition"]
    assert response.content.lstrip().startswith((b"<?xml", b"<svg"))


def run_chromium(*args: str) -> None:
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", *args],
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.django_db(transaction=True)
def test_full_poster_prints_on_one_a4_page_and_its_qr_scans(
    live_server, bilingual_site, tmp_path
):
    page = crowded_station(bilingual_site, members=12)
    url = live_server.url + page.url + "poster/"
    pdf = tmp_path / "poster.pdf"
    run_chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", url)
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    except ImportError:
        pass
    assert pages == 1
    shot = tmp_path / "poster.png"
    run_chromium("--window-size=900,1250", f"--screenshot={shot}", url)
    scanned = decode_qr(Image.open(shot))
    assert scanned == [f"{live_server.url}/zh-hans/report/?community={page.pk}"]


def svg_path(svg: bytes | str) -> str:
    """The dark modules of a segno SVG: its one path's drawing."""
    return BeautifulSoup(svg, "html.parser").select_one("path")["d"]


def test_station_page_shows_the_qr_of_its_report_address_and_the_address(
    client, bilingual_site
):
    _index, _district, _sub, pages = small_tree(bilingual_site, communities=1)
    page = pages[0]
    expected = f"http://testserver/zh-hans/report/?community={page.pk}"
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    block = soup.select_one(".community__qr")
    image = block.select_one("img")
    assert image["src"] == page.url + "qr/"
    assert image["alt"] == "二维码：打开本社区的问题反映表"
    address = block.select_one("a.community__report-url")
    assert address.text == expected and address["href"] == expected

    response = client.get(image["src"])
    assert response["Content-Type"] == "image/svg+xml"
    assert "Content-Disposition" not in response  # shown, not downloaded
    made = segno.make(expected, error="m", micro=False)
    assert svg_path(response.content) == svg_path(made.svg_inline(scale=1, border=4))
    assert b'xmlns="http://www.w3.org/2000/svg"' in response.content


def test_the_english_station_page_qr_opens_the_english_form(client, bilingual_site):
    index, district, sub, pages = small_tree(bilingual_site, communities=1)
    for parent in (index, district, sub):
        translate(parent, bilingual_site.en, title=f"EN {parent.title}")
    english = translate(pages[0], bilingual_site.en, title="Huanghe Community")
    expected = f"http://testserver/en/report/?community={pages[0].pk}"
    soup = BeautifulSoup(client.get(english.url).content, "html.parser")
    assert soup.select_one(".community__report-url").text == expected
    svg = client.get(english.url + "qr/").content
    made = segno.make(expected, error="m", micro=False)
    assert svg_path(svg) == svg_path(made.svg_inline(scale=1, border=4))


# The smallest QR code a report address makes: version 3, 29 modules a side
# ("http://x/zh-hans/report/?community=1" is already past version 2's 26 bytes).
SMALLEST_SYMBOL = 29


def test_poster_qr_code_is_at_least_six_centimetres_wide(client, bilingual_site):
    from django.contrib.staticfiles import finders

    page = crowded_station(bilingual_site, members=1)
    soup = BeautifulSoup(client.get(page.url + "poster/").content, "html.parser")
    svg = soup.select_one(".poster__qr svg.poster__qr-code")
    expected = f"http://testserver/zh-hans/report/?community={page.pk}"
    made = segno.make(expected, error="m", micro=False)
    border = station_poster.POSTER_QR_BORDER
    drawn = made.svg_inline(border=border, omitsize=True)
    assert svg.select_one("path")["d"] == svg_path(drawn)
    # The image is the code and its margin of `border` modules a side.
    side = float(svg["viewbox"].split()[2])
    assert side == made.symbol_size(scale=1, border=0)[0] + 2 * border

    css = open(finders.find("notices/stations.poster.css"), encoding="utf-8").read()
    rule = re.search(r"\.poster__qr-code \{([^}]*)\}", css).group(1)
    assert "width: var(--qr)" in rule and "height: var(--qr)" in rule
    sizes = [float(mm) for mm in re.findall(r"--qr:\s*([\d.]+)mm", css)]
    assert len(sizes) == 3  # few, some and many staff
    smallest_code = min(
        size * SMALLEST_SYMBOL / (SMALLEST_SYMBOL + 2 * border) for size in sizes
    )
    assert smallest_code >= 60  # mm
