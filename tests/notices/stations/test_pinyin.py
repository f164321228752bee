"""Finding a community by pinyin and initials: the forms a name is matched by."""

from notices.stations.pinyin import build_search_terms, pinyin_forms


def test_pinyin_forms_of_a_community_name():
    assert pinyin_forms("黄河社区") == ("huangheshequ", "hhsq")
    assert "hhjd" in build_search_terms("滨湖社区", "", "黄河街道")
