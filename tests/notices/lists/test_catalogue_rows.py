"""The catalogue's rows checked as a whole (notices/lists/catalogue_rows.py), each
problem named by row and field."""

from datetime import date

from notices.lists.catalogue_rows import validate_catalogue


def test_bad_catalogue_input_is_rejected_row_by_row():
    batches = [
        {
            "code": "B1",
            "title": "第一批",
            "document_title": "清单",
            "effective_from": date(2024, 1, 1),
        },
    ]
    categories = [{"code": "MR", "name": "市容"}]
    laws = [
        {
            "name": "《旧办法》",
            "repealed_on": date(2024, 3, 1),
            "replaced_by": "《新条例》",
        }
    ]
    base = {
        "batch": "B1",
        "category": "MR",
        "violation": "v",
        "law": "《条例》",
        "article": "第一条",
        "conditions": "c",
        "measure": "m",
        "kind": "no_fine_first",
    }
    items = [
        {**base, "number": "01"},
        {**base, "number": "01"},  # duplicate number
        {**base, "number": "03", "category": "ZZ"},  # unknown category
        {**base, "number": "04", "valid_until": date(2023, 12, 31)},  # expiry first
        {**base, "number": "05", "law": "旧办法"},  # cites a repealed law
        {**base, "number": "06", "law": "", "article": ""},  # legal basis blank
        {**base, "number": "07", "law": "旧办法", "repealed_on": date(2024, 3, 1)},
    ]
    errors = validate_catalogue(batches, categories, laws, items)
    found = {(error.row, error.field) for error in errors}
    assert found == {
        (2, "number"),
        (3, "category"),
        (4, "valid_until"),
        (5, "law"),
        (6, "law"),
        (6, "article"),
    }
    message = next(e.message for e in errors if e.row == 5)
    assert "《旧办法》" in message and "《新条例》" in message
