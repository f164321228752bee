"""manage.py import_catalogue FILE [--dry-run] [--submit --user NAME]"""

from notices.lists.catalogue import LenientCataloguePage
from notices.management.commands._list_import import ListImportCommand


class Command(ListImportCommand):
    help = (
        "Import the lenient catalogue's batches, categories, repealed laws and items "
        "from an XLSX workbook as a new draft, which goes live only after legal "
        "review. Every row is checked first; nothing is written unless all are valid."
    )
    page_model = LenientCataloguePage
    can_publish = False
