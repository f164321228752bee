"""What the home app contributes to site search."""

from home.models import HomePage, StandardPage
from portal.search_index import Entry, page_documents, plain_text, provider


@provider(StandardPage, kind="page")
def standard_page_documents(page: StandardPage) -> list[Entry]:
    return page_documents(page, f"{page.intro} {plain_text(page.body)}")


@provider(HomePage, kind="page")
def home_page_documents(page: HomePage) -> list[Entry]:
    return page_documents(page, page.intro)
