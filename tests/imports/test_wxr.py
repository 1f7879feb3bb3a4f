"""A WordPress export read through the one streaming reader: its channel, then its items."""

from datetime import UTC, datetime
from xml.etree.ElementTree import fromstring

import pytest

from newsdesk.imports import wordpress_comments
from newsdesk.imports.wxr import ExportItem, read_export, read_item

WP = "http://wordpress.org/export/1.2/"

WXR = """<?xml version="1.0"?>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<title>Gazette</title><link>https://gazette.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://gazette.example</wp:base_site_url>
<wp:author><wp:author_login>mstone</wp:author_login>
<wp:author_display_name>Maria Stone</wp:author_display_name></wp:author>
{items}
</channel></rss>"""
ITEM = (
    "<item><title>{n}</title><wp:post_id>{n}</wp:post_id><wp:post_type>post</wp:post_type></item>"
)


def test_the_channel_then_each_item_whole(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(WXR.format(items="".join(ITEM.format(n=n) for n in (1, 2, 3))))
    channel, items = read_export(path)
    assert (channel.version, channel.base_site_url) == ("1.2", "https://gazette.example")
    assert channel.authors["mstone"].display_name == "Maria Stone"
    seen = []
    for namespace, element in items:
        assert namespace == "http://wordpress.org/export/1.2/"
        item = read_item(element, namespace)
        assert len(element) == 3  # whole while it is handed over (cleared after: test_xml_stream)
        seen.append((item.post_id, item.post_type, item.title))
    assert seen == [("1", "post", "1"), ("2", "post", "2"), ("3", "post", "3")]


def test_an_export_of_a_site_with_no_items_is_read_as_empty(tmp_path):
    """It was refused as "not a WordPress export" when its channel held no item."""
    path = tmp_path / "export.xml"
    path.write_text(WXR.format(items=""))
    channel, items = read_export(path)
    assert channel.base_site_url == "https://gazette.example"
    assert list(items) == []


@pytest.mark.parametrize(
    ("gmt", "site_clock", "expected"),
    [
        # The GMT field, when there is one, is the date, whatever the time zone here.
        ("2024-11-02 09:15:00", "2024-11-02 10:15:00", datetime(2024, 11, 2, 9, 15, tzinfo=UTC)),
        # Absent or zero (drafts): the local field, read in this site's time zone (UTC+1).
        ("", "2024-11-02 10:15:00", datetime(2024, 11, 2, 9, 15, tzinfo=UTC)),
        ("0000-00-00 00:00:00", "2024-11-02 10:15:00", datetime(2024, 11, 2, 9, 15, tzinfo=UTC)),
        ("0000-00-00 00:00:00", "0000-00-00 00:00:00", None),
        ("", "yesterday", None),
    ],
)
def test_posts_and_comments_are_dated_alike(settings, gmt, site_clock, expected):
    settings.TIME_ZONE = "Europe/Paris"
    post = ExportItem(post_date_gmt=gmt, post_date=site_clock)
    comment = fromstring(
        f'<wp:comment xmlns:wp="{WP}"><wp:comment_date>{site_clock}</wp:comment_date>'
        f"<wp:comment_date_gmt>{gmt}</wp:comment_date_gmt></wp:comment>"
    )
    assert post.published_at() == expected
    assert wordpress_comments._date(comment) == expected
