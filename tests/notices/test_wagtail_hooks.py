"""notices/wagtail_hooks.py: its staff screens read in the admin's language."""

from django.utils import translation

from notices.wagtail_hooks import StaffViewSet, station_import_menu_item


def test_station_admin_menu_entries_read_in_chinese():
    with translation.override("zh-hans"):
        assert str(StaffViewSet.menu_label) == "驻点人员"
        assert str(station_import_menu_item().label) == "驻点导入与导出"
