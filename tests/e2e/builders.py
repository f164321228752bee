"""Builders for the browser journeys: one small bilingual town holding every public
page type, and the private links (tracking, manage, status) a resident gets."""

import contextlib
import io
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import Image
from wagtail.models import Locale, Site

from home.models import HomePage
from participation.models import Roundtable, VolunteerTeam
from participation.photos import clean_photo
from participation.registrations.rules import register
from participation.reports.publication import publish
from participation.roundtables.meetings import advance
from participation.roundtables.models import MeetingState
from participation.roundtables.proposals import accept, propose
from participation.roundtables.resolutions import add_resolution
from participation.volunteers.signups import sign_up
from tests.conftest import BilingualSite, translate
from tests.conftest import publish as publish_page
from tests.e2e.conftest import SCREENSHOTS
from tests.factories import StandardPageFactory
from tests.notices.event_builders import (
    event_index,
    make_event,
    make_notice,
    notice_index,
)
from tests.notices.list_builders import catalogue, duty_list
from tests.notices.station_builders import small_tree
from tests.participation.report_builders import make_report, staff_user
from tests.participation.roundtable_builders import meeting


def current_site() -> BilingualSite:
    """The site the `live_site` fixture built, read back from the database."""
    zh = Locale.objects.get(language_code="zh-hans")
    en = Locale.objects.get(language_code="en")
    home_zh = HomePage.objects.get(locale=zh)
    home_en = HomePage.objects.get(locale=en)
    return BilingualSite(zh, en, home_zh, home_en, Site.objects.get())


def jpeg(size=(800, 600), colour=(90, 140, 60)) -> bytes:
    """A plain photo, like one a phone takes (without the phone's EXIF)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


@dataclass
class Town:
    site: BilingualSite
    directory: object
    district: object
    subdistrict: object
    community: object  # 黄河社区, with staff, reports, a team and roundtables
    neighbour: object  # 滨湖社区
    en: dict = field(default_factory=dict)  # English translations by role
    standard: object = None
    duties: object = None
    lenient: object = None
    notices: object = None
    notice: object = None
    events: object = None
    event: object = None
    team: object = None
    meeting: object = None
    held: object = None
    tokens: dict = field(default_factory=dict)
    references: dict = field(default_factory=dict)

    def paths(self, language: str) -> dict[str, str]:
        """Every public page type, by name, in `language`."""
        english = language == "en"

        def url(page, role):
            page = self.en[role] if english else page
            return page.url

        community_id = self.community.pk
        return {
            "home": f"/{language}/",
            "standard page": url(self.standard, "standard"),
            "station directory": url(self.directory, "directory"),
            "station search": url(self.directory, "directory") + "?q=huanghe",
            "district": url(self.district, "district"),
            "subdistrict": url(self.subdistrict, "subdistrict"),
            "community": url(self.community, "community"),
            "map": url(self.directory, "directory") + "map/",
            "poster": url(self.community, "community") + "poster/",
            "notice index": url(self.notices, "notices"),
            "notice": url(self.notice, "notice"),
            "event index": url(self.events, "events"),
            "event": url(self.event, "event"),
            "registration form": f"/{language}/event-registration/{self.event.pk}/",
            "registration confirmation": (
                f"/{language}/event-registration/manage/"
                f"{self.tokens['registration']}/?new=1"
            ),
            "registration manage": (
                f"/{language}/event-registration/manage/{self.tokens['registration']}/"
            ),
            "duty list": url(self.duties, "duties"),
            "duty item": url(self.duties, "duties") + "items/EH-01/",
            "three lists": f"/{language}/communities/{community_id}/lists/",
            "catalogue": url(self.lenient, "lenient"),
            "catalogue filtered": url(self.lenient, "lenient")
            + "?q=%E7%BB%8F%E8%90%A5&category=MR&status=all",
            "catalogue item": url(self.lenient, "lenient") + "items/01/",
            "list changes": url(self.lenient, "lenient") + "changes/",
            "search results": f"/{language}/search/?q=%E9%BB%84%E6%B2%B3",
            "report form": f"/{language}/report/?community={community_id}",
            "report confirmation": (
                f"/{language}/report/track/{self.tokens['report']}/?new=1"
            ),
            "tracking page": f"/{language}/report/track/{self.tokens['report']}/",
            "public report list": f"/{language}/report/community/{community_id}/",
            "statistics": f"/{language}/report/statistics/",
            "volunteer sign-up": f"/{language}/volunteer/",
            "volunteer teams": f"/{language}/volunteer/teams/",
            "honour roll": f"/{language}/volunteer/honour-roll/",
            "volunteer status": (
                f"/{language}/volunteer/status/{self.tokens['volunteer']}/"
            ),
            "roundtables": f"/{language}/roundtables/",
            "roundtables of a community": (
                f"/{language}/roundtables/community/{community_id}/"
            ),
            "roundtable": f"/{language}/roundtables/{self.meeting.pk}/",
            "held roundtable": f"/{language}/roundtables/{self.held.pk}/",
            "propose an agenda item": (
                f"/{language}/roundtables/{self.meeting.pk}/propose/"
            ),
            "follow-up": f"/{language}/roundtables/community/{community_id}/follow-up/",
            "not found": f"/{language}/no-such-page/",
        }


def stations(site: BilingualSite) -> Town:
    """The station tree (two communities) in both languages, and the duty list the
    report form takes its categories from."""
    index, district, sub, (here, there) = small_tree(
        site, communities=2, staff_per_community=2, photos=True
    )
    town = Town(site, index, district, sub, here, there)
    for role, page, title in (
        ("directory", index, "Find my station"),
        ("district", district, "Huanghe District"),
        ("subdistrict", sub, "Huanghe Subdistrict"),
        ("community", here, "Huanghe Community"),
        ("neighbour", there, "Binhu Community"),
    ):
        town.en[role] = translate(page, site.en, title=title)
    town.duties = duty_list(site.home_zh)
    town.en["duties"] = translate(town.duties, site.en, title="Duty list")
    return town


def add_events(town: Town, capacity: int = 10, **fields) -> object:
    site = town.site
    town.events = event_index(site.home_zh)
    town.en["events"] = translate(town.events, site.en, title="Events")
    town.event = make_event(
        town.events,
        title="城管开放日",
        capacity=capacity,
        max_party_size=min(3, capacity),
        community=town.community,
        **fields,
    )
    town.en["event"] = translate(town.event, site.en, title="Open day")
    return town.event


def add_team(town: Town, places: int = 5) -> VolunteerTeam:
    site = town.site
    team = VolunteerTeam.objects.create(
        locale=site.zh,
        name="银发协管员",
        kind="silver_hair",
        description="退休居民巡查楼道。",
        community=town.community,
        places=places,
    )
    english = team.copy_for_translation(site.en)
    english.name = "Silver-hair assistants"
    english.description = "Retired residents look out for corridor clutter."
    english.save()
    town.team = team
    return team


def add_meeting(town: Town, days: int = 10, **fields) -> Roundtable:
    return meeting(town.community, days=days, **fields)


def everything(site: BilingualSite) -> Town:
    """Every public page type with a little content on each."""
    town = stations(site)
    town.standard = StandardPageFactory(
        parent=site.home_zh, title="服务指南", slug="guide", show_in_menus=True
    )
    town.standard = publish_page(town.standard)
    town.en["standard"] = translate(town.standard, site.en, title="Service guide")
    town.lenient = catalogue(site.home_zh)
    town.en["lenient"] = translate(town.lenient, site.en, title="Lenient catalogue")
    town.notices = notice_index(site.home_zh)
    town.en["notices"] = translate(town.notices, site.en, title="Notices")
    town.notice = make_notice(
        town.notices, "黄河社区早餐摊占道经营整治通知", communities=[town.community]
    )
    town.en["notice"] = translate(
        town.notice, site.en, title="Breakfast stalls on the pavement"
    )

    event = add_events(town)
    town.tokens["registration"] = register(
        event, name="王秀英", phone="13912345678"
    ).token

    team = add_team(town)
    town.tokens["volunteer"] = sign_up(
        team=team,
        community=town.community,
        name="李建国",
        phone="13800001111",
        age_bracket="60_74",
        days=[2, 4],
        time_slots=["morning"],
        honour_roll=True,
    ).token

    sent = make_report(
        town.community,
        photos=[clean_photo(SimpleUploadedFile("photo.jpg", jpeg(), "image/jpeg"))],
    )
    town.tokens["report"] = sent.token
    town.references["report"] = sent.report.reference
    moderator = staff_user(
        town.community, "view_report", "publish_report", username="moderator"
    )
    publish(
        sent.report,
        by=moderator,
        title="楼道堆物",
        text="3号楼楼道堆物,已通知物业清理。",
    )

    town.meeting = add_meeting(town)
    propose(town.meeting, topic="餐馆油烟扰民", description="人民路餐馆油烟直排。")
    town.held = add_meeting(
        town, days=-20, title="九月圆桌会", state=MeetingState.AGENDA_OPEN
    )
    item = propose(town.held, topic="楼道堆物", description="多栋楼道堆物。")
    accept(item, minutes_allotted=30)
    for state in (MeetingState.AGENDA_CLOSED, MeetingState.HELD):
        advance(town.held, state)
    add_resolution(
        town.held,
        text="物业每周清理一次楼道",
        owner="城管中队",
        due_date=timezone.localdate() + timedelta(days=10),
        proposal=item,
    )
    return town


# What a person notices, measured in the page.

TARGETS_SCRIPT = r"""
(minimum) => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, '
    + 'summary, [role=button], [tabindex]:not([tabindex="-1"])';
  // Inside a closed <details> only its summary is on screen: Chrome still gives
  // the folded content boxes (content-visibility), though nobody can see or tap it.
  const folded = (el) => {
    const details = el.closest('details:not([open])');
    const summary = el.closest('summary');
    return Boolean(details) && !(summary && summary.parentElement === details);
  };
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
      && !el.closest('[hidden], [aria-hidden=true]') && !folded(el);
  };
  const squash = (text) => (text || '').replace(/\s+/g, '');
  // WCAG 2.5.8's inline exception: a link inside running text.
  const inSentence = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) {
      block = block.parentElement;
    }
    let around = squash(block.textContent);
    for (const other of block.querySelectorAll(selector)) {
      around = around.replace(squash(other.textContent), '');
    }
    // Separators between links (a · b · c) are not running text.
    return around.replace(/[·•|/\\\-–—,，、;；:：()（）]/g, '').length > 0;
  };
  const box = (el) => {
    let rect = el.getBoundingClientRect();
    if (el.type === 'checkbox' || el.type === 'radio') {
      const label = el.closest('label')
        || (el.id && document.querySelector(`label[for="${el.id}"]`));
      if (label) {
        const outer = label.getBoundingClientRect();
        const left = Math.min(rect.left, outer.left);
        const top = Math.min(rect.top, outer.top);
        const right = Math.max(rect.right, outer.right);
        const bottom = Math.max(rect.bottom, outer.bottom);
        rect = {left, top, right, bottom, width: right - left, height: bottom - top};
      }
    }
    return rect;
  };
  const targets = [...document.querySelectorAll(selector)]
    .filter((el) => shown(el) && !inSentence(el))
    .filter((el) => !(el.closest('label') && el.tagName !== 'INPUT'))
    .map((el) => ({el, rect: box(el)}));
  const small = targets.filter(
    (t) => t.rect.width < minimum - 0.5 || t.rect.height < minimum - 0.5);
  const radius = minimum / 2;
  const centre = (r) => [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
  const distanceToRect = ([x, y], r) => Math.hypot(
    Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  const failures = [];
  for (const target of small) {
    const here = centre(target.rect);
    // The spacing exception: a circle of the minimum diameter centred on the target
    // touches no other target and no other small target's circle.
    const crowded = targets.some((other) => {
      if (other === target || other.el.contains(target.el)
          || target.el.contains(other.el)) return false;
      if (distanceToRect(here, other.rect) < radius) return true;
      if (small.includes(other)) {
        const [x, y] = centre(other.rect);
        return Math.hypot(here[0] - x, here[1] - y) < minimum;
      }
      return false;
    });
    if (crowded) {
      const label = (target.el.textContent || target.el.name || target.el.type || '')
        .trim().replace(/\s+/g, ' ').slice(0, 40);
      failures.push(`${target.el.tagName.toLowerCase()} "${label}" `
        + `${Math.round(target.rect.width)}x${Math.round(target.rect.height)}`);
    }
  }
  return failures;
}
"""


def small_targets(page, minimum: int) -> list[str]:
    """Interactive elements smaller than `minimum` CSS pixels that sit too close to
    another target (WCAG 2.5.8, with its inline and spacing exceptions)."""
    return page.evaluate(TARGETS_SCRIPT, minimum)


def zh(text: str) -> str:
    """The Chinese a visitor reads for an interface string."""
    with translation.override("zh-hans"):
        return gettext(text)


def admin_login(page, base_url: str, username: str) -> None:
    """Sign in to the Wagtail admin (test users share one password)."""
    page.goto(f"{base_url}/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("a-long-test-password")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


@contextlib.contextmanager
def admin_session(browser, base_url: str, user, viewport=None):
    """A desktop browser signed in to the admin as `user`; yields its page."""
    context = browser.new_context(
        viewport=viewport or {"width": 1280, "height": 900}, locale="zh-CN"
    )
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        admin_login(page, base_url, user.username)
        yield page
    finally:
        context.close()


def admin_screenshot(page, label: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{label}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
