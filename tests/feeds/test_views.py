"""`robots.txt` and the Google News sitemap: what crawlers read, cached like pages."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from defusedxml.ElementTree import fromstring
from django.utils import timezone

from newsdesk.feeds.sitemaps import NewsSitemap
from tests.common.db.articles import make_story, translate_story
from tests.common.db.sections import make_edition, translate_section

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def robots_lines(client) -> list[tuple[str, str]]:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    return [tuple(part.strip() for part in line.split(":", 1)) for line in lines if line]


def news_entries(response) -> list[dict]:
    """Each `<url>` of a news sitemap, read with its namespaces."""
    assert response.status_code == 200
    root = fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}urlset"
    entries = []
    for url in root.findall("s:url", NS):
        news = url.find("news:news", NS)
        entries.append(
            {
                "loc": url.findtext("s:loc", namespaces=NS),
                "name": news.findtext("news:publication/news:name", namespaces=NS),
                "language": news.findtext("news:publication/news:language", namespaces=NS),
                "date": news.findtext("news:publication_date", namespaces=NS),
                "title": news.findtext("news:title", namespaces=NS),
            }
        )
    return entries


def hours_ago(hours: float):
    return timezone.now() - timedelta(hours=hours)


# robots.txt ---------------------------------------------------------------------------------


def test_robots_txt_names_every_editions_sitemap_index(client, home):
    sitemaps = [value for name, value in robots_lines(client) if name == "Sitemap"]
    assert sitemaps == [
        "http://testserver/en/sitemap.xml",
        "http://testserver/ru/sitemap.xml",
        "http://testserver/ar/sitemap.xml",
    ]
    for url in sitemaps:  # each answers
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_robots_txt_keeps_crawlers_out_of_admin_comment_posting_and_search(client, home):
    lines = robots_lines(client)
    assert lines[0] == ("User-agent", "*")
    disallowed = {value for name, value in lines if name == "Disallow"}
    assert {"/admin/", "/moderation/"} <= disallowed
    for edition in ("en", "ru", "ar"):
        assert {
            f"/{edition}/search/",
            f"/{edition}/discussion/stories/",  # comments are posted to .../stories/<id>/comments/
            f"/{edition}/discussion/reply/",
            f"/{edition}/discussion/token/",
            f"/{edition}/discussion/posted/",
            f"/{edition}/reactions/",
        } <= disallowed
    # Reader pages stay open: the comment policy, feeds, stories, sitemaps.
    for path in ("/en/discussion/policy/", "/en/feeds/latest/", "/en/security/", "/en/sitemap.xml"):
        assert not any(path.startswith(prefix) for prefix in disallowed), path


def test_robots_txt_is_at_the_root_and_cached_like_a_page(client, home):
    response = client.get("/robots.txt")
    assert response["xkey"] == "nav"
    assert "public" in response["Cache-Control"]
    assert client.get("/en/robots.txt").status_code == 404


def test_robots_txt_names_the_host_it_was_asked_on(client, home):
    response = client.get("/robots.txt", HTTP_HOST="news.example.org", secure=True)
    assert "Sitemap: https://news.example.org/en/sitemap.xml" in response.content.decode()


def test_robots_txt_costs_no_query(client, home, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/robots.txt").status_code == 200


# The news sitemap -------------------------------------------------------------------------


def test_news_sitemap_lists_stories_first_published_in_the_last_two_days(client, section):
    fresh = make_story(section, "Dam talks resume & go on", published_at=hours_ago(47))
    make_story(section, "Old news", published_at=hours_ago(49))
    make_story(section, "A draft", publish=False)
    entries = news_entries(client.get("/en/sitemap-news.xml"))
    assert entries == [
        {
            "loc": "http://testserver" + fresh.get_absolute_url(),
            "name": "The Test Courier",  # the site's name, as its pages show it
            "language": "en",
            "date": fresh.first_published_at.isoformat(),
            "title": "Dam talks resume & go on",
        }
    ]


def test_an_old_story_updated_today_is_not_news_again(client, section):
    old = make_story(section, "Old news", published_at=hours_ago(24 * 5))
    old.save_revision().publish()  # republished now: last_published_at is today
    old.refresh_from_db()
    assert old.last_published_at > hours_ago(1)
    assert news_entries(client.get("/en/sitemap-news.xml")) == []


def test_news_sitemap_changes_as_stories_age(client, section, monkeypatch):
    make_story(section, "Published 47 hours ago", published_at=hours_ago(47))
    make_story(section, "Published 49 hours ago", published_at=hours_ago(49))
    make_story(section, "Published just now")
    titles = [entry["title"] for entry in news_entries(client.get("/en/sitemap-news.xml"))]
    assert titles == ["Published just now", "Published 47 hours ago"]
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    titles = [entry["title"] for entry in news_entries(client.get("/en/sitemap-news.xml"))]
    assert titles == ["Published just now"]


def test_news_sitemap_takes_the_time_it_is_given(section):
    make_story(section, "Published 47 hours ago", published_at=hours_ago(47))
    assert len(NewsSitemap().items()) == 1
    assert len(NewsSitemap(now=timezone.now() + timedelta(hours=2)).items()) == 0


def test_news_sitemap_is_per_edition_in_its_language(client, home, section):
    make_edition(home, "ru", "Тестовый курьер")
    translate_section(section, "ru", "Безопасность")
    source = make_story(section, "Ceasefire holds", published_at=hours_ago(3))
    russian = translate_story(source, "ru", headline="Перемирие соблюдается")
    entries = news_entries(client.get("/ru/sitemap-news.xml"))
    assert [(e["loc"], e["language"], e["title"]) for e in entries] == [
        ("http://testserver" + russian.get_absolute_url(), "ru", "Перемирие соблюдается")
    ]
    assert [e["language"] for e in news_entries(client.get("/en/sitemap-news.xml"))] == ["en"]


def test_news_sitemap_is_in_the_editions_sitemap_index(client, section):
    root = ElementTree.fromstring(client.get("/en/sitemap.xml").content)
    locs = [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]
    assert "http://testserver/en/sitemap-news.xml" in locs


def test_news_sitemap_is_cached_for_minutes_and_purged_with_the_sitemaps(client, section):
    response = client.get("/en/sitemap-news.xml")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert f"s-maxage={NewsSitemap.LIFETIME}" in cache_control
    assert NewsSitemap.LIFETIME <= 600
    assert response["xkey"] == "sitemap"


def test_a_publish_purges_the_news_sitemap(section, purges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_story(section, "Breaking")
    assert "sitemap" in purges.purged_keys()
