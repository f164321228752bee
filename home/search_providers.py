"""What the home app contributes to site search."""

from django.utils.translation import gettext as _

from home.models import BureauIdentity, HomePage, StandardPage
from portal.search_index import Entry, follows, page_documents, plain_text, provider


@provider(StandardPage, kind="page")
def standard_page_documents(page: StandardPage) -> list[Entry]:
    return page_documents(page, f"{page.intro} {plain_text(page.body)}")


@provider(HomePage, kind="page")
def home_page_documents(page: HomePage) -> list[Entry]:
    # The hotline and the bureau's public contacts are in every header and footer;
    # the home page is where a search for them lands.
    identity = BureauIdentity.objects.filter(locale_id=page.locale_id).first()
    contacts = ""
    if identity is not None:
        contacts = " ".join(
            filter(
                None,
                [
                    identity.name,
                    f"{_('Hotline')} {identity.hotline}",
                    identity.address,
                    identity.office_hours,
                ],
            )
        )
    return page_documents(page, f"{page.intro} {contacts}")


@follows(BureauIdentity)
def identity_home_pages(identity: BureauIdentity) -> list[HomePage]:
    """A new hotline or address changes what finds the home page."""
    return list(HomePage.objects.live().filter(locale_id=identity.locale_id))
