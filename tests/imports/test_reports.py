"""The import report: counts per kind and outcome, one table, a line for every skip."""

from newsdesk.imports.reports import Report


def test_an_empty_report_says_so():
    assert Report().table() == "Nothing to import."


def test_the_table_has_a_row_per_kind_and_a_column_per_outcome():
    report = Report()
    report.count("post", "added", 3)
    report.count("post", "unchanged")
    report.count("photo", "added")
    assert report.table().splitlines() == [
        "       added  unchanged",
        "photo      1          0",
        "post       3          1",
    ]


def test_a_skip_is_counted_and_says_why():
    report = Report()
    report.skip("post", "13 'Staff salaries'", "a private post")
    assert report.total("post") == 1
    assert report.total("post", "skipped") == 1
    assert report.total("post", "added") == 0
    assert report.table().splitlines()[-2:] == [
        "Left out:",
        "  post 13 'Staff salaries': a private post",
    ]


def test_a_dry_run_report_says_nothing_was_stored():
    report = Report(dry_run=True)
    report.count("post", "added")
    assert report.table().startswith("Dry run: nothing was stored.")
