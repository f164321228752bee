"""manage.py import_duties FILE [--dry-run] [--publish] [--list-language zh-hans]"""

from notices.lists.duties import DutyListPage
from notices.management.commands._list_import import ListImportCommand


class Command(ListImportCommand):
    help = (
        "Import the duty list's categories and items from an XLSX workbook as a new "
        "draft. Every row is checked first; nothing is written unless all are valid."
    )
    page_model = DutyListPage
    can_publish = True
