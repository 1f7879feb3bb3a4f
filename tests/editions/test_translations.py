"""Translating a story: a draft of its own in the edition, linked, missing or out of date."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale

from newsdesk.articles.models import Article
from newsdesk.editions import services
from tests.common.db.articles import make_story, paragraph, translate_story
from tests.common.db.bylines import AuthorFactory

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_translation_starts_as_an_unpublished_draft_in_the_editions_section(editions):
    """The copy is not live, lives in the Russian section and remembers its source revision."""
    source = make_story(editions["en"][1], "Ceasefire holds", dateline="ANKARA")
    copy = translate_story(source, "ru", publish=False, headline="Перемирие соблюдается")
    copy.refresh_from_db()
    source.refresh_from_db()
    assert copy.locale.language_code == "ru"
    assert copy.translation_key == source.translation_key
    assert not copy.live and copy.first_published_at is None
    assert copy.section_id == editions["ru"][1].pk
    assert copy.translated_from_revision_id == source.live_revision_id
    assert not Article.objects.published().filter(pk=copy.pk).exists()


def test_translation_bylines_name_the_authors_translation(editions):
    """A byline entry moves to the author's version in the edition when there is one."""
    author = AuthorFactory(name="Nadia Rahimova")
    russian = author.copy_for_translation(Locale.objects.get(language_code="ru"))
    russian.name, russian.slug = "Надия Рахимова", "nadiya"
    russian.save()
    source = make_story(editions["en"][1], "Ceasefire holds", byline=[author])
    copy = translate_story(source, "ru", headline="Перемирие соблюдается")
    assert [entry.author_id for entry in copy.byline_entries.all()] == [russian.pk]
    assert [entry.author_id for entry in source.byline_entries.all()] == [author.pk]


def test_each_translation_is_published_on_its_own_with_its_dateline(client, editions):
    source = make_story(editions["en"][1], "Ceasefire holds", dateline="ANKARA")
    copy = translate_story(
        source,
        "ru",
        headline="Перемирие соблюдается",
        dateline="АНКАРА",
        body=[paragraph("Первый абзац.")],
    )
    page = soup(client.get(copy.get_absolute_url()))
    assert page.find("h1").get_text(strip=True) == "Перемирие соблюдается"
    assert "АНКАРА" in page.get_text()
    assert copy.get_absolute_url().startswith(
        "/ru/bezopasnost/"
    ) or copy.get_absolute_url().startswith("/ru/")
    english = soup(client.get(source.get_absolute_url()))
    assert "АНКАРА" not in english.get_text()


def test_status_lists_missing_current_and_outdated_translations(editions):
    """After the source publishes a new revision, its translation is "outdated", with the
    source's revisions to compare; the missing edition is "missing"."""
    source = make_story(editions["en"][1], "Ceasefire holds")
    russian = translate_story(source, "ru", headline="Перемирие соблюдается")
    states = {row["language"]: row["state"] for row in services.translation_status(source)}
    assert states == {"en": "source", "ru": "current", "ar": "missing"}

    source.standfirst = "Talks resume on Monday."
    revision = source.save_revision()
    revision.publish()
    rows = {row["language"]: row for row in services.translation_status(russian)}
    assert rows["ru"]["state"] == "outdated"
    changed_source, old, new = rows["ru"]["changes"]
    assert (changed_source.pk, old, new) == (
        source.pk,
        russian.translated_from_revision_id,
        revision.pk,
    )

    services.mark_translation_current(russian)
    russian.refresh_from_db()
    assert russian.translated_from_revision_id == revision.pk
    states = {row["language"]: row["state"] for row in services.translation_status(source)}
    assert states["ru"] == "current"


def test_editor_panel_shows_the_outdated_translation_with_the_diff_link(admin_client, editions):
    source = make_story(editions["en"][1], "Ceasefire holds")
    russian = translate_story(source, "ru", headline="Перемирие соблюдается")
    source.standfirst = "Talks resume on Monday."
    source.save_revision().publish()
    edit = reverse("wagtailsnippets_articles_article:edit", args=[source.pk])
    page = soup(admin_client.get(edit))
    panel = page.select_one("[data-edition-translations]")
    row = panel.select_one('[data-edition="ru"]')
    assert row["data-state"] == "outdated"
    assert "source changed since translation" in row.get_text()
    compare = row.select_one("a[data-compare]")["href"]
    assert admin_client.get(compare).status_code == 200
    assert panel.select_one('[data-edition="ar"]')["data-state"] == "missing"

    mark = row.select_one("form")["action"]
    assert admin_client.post(mark).status_code == 302
    russian.refresh_from_db()
    assert russian.translated_from_revision_id == Article.objects.get(pk=source.pk).live_revision_id


def test_admin_translate_action_makes_a_draft(admin_client, editions):
    """Wagtail's Translate action (simple_translation) on a story gives an unpublished copy."""
    source = make_story(editions["en"][1], "Ceasefire holds")
    url = reverse(
        "simple_translation:submit_snippet_translation",
        args=["articles", "article", source.pk],
    )
    ru = Locale.objects.get(language_code="ru")
    response = admin_client.post(url, {"locales": [ru.pk]})
    assert response.status_code == 302
    copy = Article.objects.get(translation_key=source.translation_key, locale=ru)
    source.refresh_from_db()
    assert not copy.live
    assert copy.translated_from_revision_id == source.live_revision_id
