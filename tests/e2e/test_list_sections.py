"""The duty list on a small phone without JavaScript: its first screen names every
category, a tap on one opens that category's section with its items, a section's
heading opens and closes it, and a link to one item of the list lands on it."""

from tests.conftest import publish
from tests.e2e.conftest import SCREENSHOTS
from tests.notices.list_builders import duty_item

SMALL_PHONE = {"width": 360, "height": 640}
# Xuzhou's shape: eight categories of three items each.
CATEGORIES = [
    ("SR", "市容秩序"),
    ("EH", "环境卫生"),
    ("GB", "违法建设"),
    ("GR", "园林绿化"),
    ("MF", "市政设施"),
    ("PK", "停车与车辆"),
    ("SF", "安全隐患"),
    ("SV", "便民服务"),
]
INTRO = (
    "社区城管工作站为居民办理的事项、办理方式和承诺时限。热线诉求30分钟内响应，"
    "简单问题当天办结，复杂问题3个工作日内反馈进展。"
)


def full_duty_list():
    from notices.lists.duties import DutyCategory, DutyListPage
    from tests.e2e.builders import current_site

    page = DutyListPage(title="职责清单", slug="duties", intro=INTRO)
    page.categories = [DutyCategory(code=code, name=name) for code, name in CATEGORIES]
    page.items = [
        duty_item(
            f"{code}-0{number}",
            code,
            title=f"{name}事项{number}",
            service="居民可以提出的服务，写得和真实清单一样长一些。" * 2,
            handling_class=("immediate", "coordinate", "escalate")[number - 1],
        )
        for code, name in CATEGORIES
        for number in (1, 2, 3)
    ]
    current_site().home_zh.add_child(instance=page)
    return publish(page)


def within_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= SMALL_PHONE["height"]
        and box["x"] + box["width"] <= SMALL_PHONE["width"]
    )


def test_a_phone_without_javascript_sees_the_categories_first_and_opens_one(
    journey, live_site
):
    full_duty_list()
    visit = journey(viewport=SMALL_PHONE, javascript=False)
    visit.goto("/zh-hans/duties/")
    links = visit.page.locator(".list-jump__links a")
    assert links.count() == len(CATEGORIES)
    unseen = [
        links.nth(n).inner_text()
        for n in range(links.count())
        if not within_first_screen(links.nth(n))
    ]
    assert unseen == []
    # Closed sections: no item is on the page's screens yet.
    assert not visit.page.locator("#item-SF-01").is_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(SCREENSHOTS / "phone-duty-list-first-screen.png"))

    visit.page.locator(".list-jump__links a", has_text="安全隐患").click()
    visit.page.wait_for_url("**/zh-hans/duties/?open=SF#category-sf")
    assert visit.page.locator("#category-sf[open]").count() == 1
    item = visit.page.locator("#item-SF-01")
    assert item.is_visible() and item.bounding_box()["y"] < SMALL_PHONE["height"]
    assert visit.page.locator("#category-sr[open]").count() == 0

    # A section's heading opens it in place, with no script either.
    visit.page.locator("#category-sr > summary").click()
    assert visit.page.locator("#item-SR-02").is_visible()

    # A link to one item of the list opens its section and lands on it.
    visit.goto("/zh-hans/duties/?open=PK#item-PK-03")
    target = visit.page.locator("#item-PK-03")
    assert target.is_visible()
    assert -1 <= target.bounding_box()["y"] < SMALL_PHONE["height"]
    # Without ?open= too: the browser opens the section holding the named item
    # (HTML's "ancestor details revealing" on fragment navigation).
    visit.goto("/zh-hans/duties/#item-GB-02")
    target = visit.page.locator("#item-GB-02")
    assert target.is_visible()
    box = target.bounding_box()
    assert -1 <= box["y"] < SMALL_PHONE["height"], box  # scrolled to it
    assert visit.horizontal_overflow() <= 0
    assert visit.outside == []


def test_a_handling_class_filter_opens_what_it_leaves_without_javascript(
    journey, live_site
):
    full_duty_list()
    visit = journey(viewport=SMALL_PHONE, javascript=False)
    visit.goto("/zh-hans/duties/")
    visit.page.locator(".handling__classes a", has_text="上报办").click()
    visit.page.wait_for_url("**/zh-hans/duties/?handling=escalate")
    rows = visit.page.locator("tr.list-row")
    assert rows.count() == len(CATEGORIES)
    assert all(rows.nth(n).is_visible() for n in range(rows.count()))
