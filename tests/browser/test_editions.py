"""Issue 7's browser test: a story published in English in the admin, translated into Russian
and Arabic, and read in each edition: switcher, hreflang, lang, dir, a mirrored layout, the
comment count's plural, and search by another form of a word."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from newsdesk.articles.models import Article
from newsdesk.discussion.models import Comment
from tests.browser.conftest import sign_in_to_admin
from tests.common.db.bylines import AuthorFactory
from tests.common.db.sections import make_edition, make_section, translate_section

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT = {
    "en": ("Parliament passes elections law", "Deputies voted for new elections at dawn."),
    "ru": ("Парламент принял закон о выборах", "Депутаты проголосовали за новые выборы."),
    "ar": ("البرلمان يقر قانون الانتخابات", "صوت النواب على قانون الانتخابات الجديد."),
}
#: A form of a word in each text that differs from the one written there.
OTHER_FORM = {"en": "election", "ru": "выборов", "ar": "بالانتخابات"}


@pytest.fixture
def editions(home, section):
    """Three editions of two sections each, so the navigation has a first and a last."""
    politics = make_section(home, "Politics")
    for language, title, section_titles in (
        ("ru", "Тестовый курьер", ("Безопасность", "Политика")),
        ("ar", "البريد التجريبي", ("الأمن", "السياسة")),
    ):
        make_edition(home, language, title)
        for source, translated in zip((section, politics), section_titles, strict=True):
            translate_section(source, language, translated)
    return AuthorFactory(name="Anna Petrova")


def choose(page, chooser_id: str, name: str) -> None:
    page.locator(f"#{chooser_id} .chooser__choose-button").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=name, exact=True).first.click()
    modal.wait_for(state="hidden")


def publish(page) -> None:
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r".*/admin/snippets/articles/article/(\?.*)?$"))


def landmarks(page) -> dict[str, float]:
    """The horizontal centre of the page's landmarks, as a share of the viewport's width."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const centre = (selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return (box.left + box.width / 2) / width;
          };
          const links = document.querySelectorAll('.site-nav a');
          const first = links[0].getBoundingClientRect();
          const last = links[links.length - 1].getBoundingClientRect();
          return {
            site_name: centre('.site-name a'),
            first_section: centre('.site-nav li:first-child a'),
            nav_order: Math.sign(last.left - first.left),
            dateline_text: centre('article .story-body p, article p'),
          };
        }"""
    )


def test_story_published_in_english_translated_and_read_in_three_editions(
    live_server, page, admin_user, editions, section, settings
):
    # Wagtail's autosave would save a second, draft story while the test types (test_editor_desk).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    sign_in_to_admin(page, live_server.url, admin_user)
    # 1. English, written and published in the admin.
    page.goto(live_server.url + reverse("wagtailsnippets_articles_article:add") + "?locale=en")
    page.fill("#id_headline", TEXT["en"][0])
    page.fill("#id_standfirst", TEXT["en"][1])
    # The page chooser lists every edition's front page first; the field holds the page's id.
    page.locator("input[name=section]").evaluate(
        "(input, id) => { input.value = id; }", str(section.pk)
    )
    choose(page, "id_byline_entries-0-author-chooser", "Anna Petrova")
    page.fill("#id_dateline", "MIRABAD")
    publish(page)
    source = Article.objects.filter(headline=TEXT["en"][0]).latest("pk")
    assert source.live

    # 2. Translated into Russian and Arabic with the admin's Translate action, each edited and
    #    published on its own.
    for language, dateline in (("ru", "МИРАБАД"), ("ar", "ميراباد")):
        page.goto(
            live_server.url
            + reverse(
                "simple_translation:submit_snippet_translation",
                args=["articles", "article", source.pk],
            )
        )
        locale = Locale.objects.get(language_code=language)
        page.locator(f"input[name=locales][value='{locale.pk}']").check()
        page.locator("form [type=submit]").last.click()
        page.wait_for_url(re.compile(r".*/admin/snippets/articles/article/edit/\d+/.*"))
        page.fill("#id_headline", TEXT[language][0])
        page.fill("#id_standfirst", TEXT[language][1])
        page.fill("#id_dateline", dateline)
        page.fill("#id_slug", "")
        publish(page)

    versions = {
        story.locale.language_code: story
        for story in Article.objects.filter(translation_key=source.translation_key).select_related(
            "locale"
        )
    }
    assert set(versions) == {"en", "ru", "ar"} and all(v.live for v in versions.values())
    urls = {
        language: live_server.url + story.get_absolute_url() for language, story in versions.items()
    }

    # Comments: one on the Russian story, two on the Arabic (approved), none on the English.
    for language, count in (("ru", 1), ("ar", 2)):
        for n in range(count):
            Comment.objects.create(
                story=versions[language],
                author_name=f"Reader {n}",
                author_email=f"reader{n}@example.org",
                text="Thank you.",
                status=Comment.Status.APPROVED,
                language=language,
            )
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()

    seen = {}
    for language, url in urls.items():
        page.goto(url)
        html = page.locator("html")
        assert html.get_attribute("lang") == language
        assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert page.locator("h1").inner_text() == TEXT[language][0]
        switcher = {
            link.get_attribute("data-edition"): link.get_attribute("href")
            for link in page.locator(".edition-switcher a").all()
        }
        assert {k: live_server.url + v for k, v in switcher.items()} == urls
        hreflang = {
            link.get_attribute("hreflang"): link.get_attribute("href")
            for link in page.locator("link[rel=alternate][hreflang]").all()
        }
        assert hreflang == urls
        seen[language] = landmarks(page)
        heading = page.locator("#comments-heading").inner_text()
        if language == "ru":
            assert heading == "1 комментарий"
        if language == "ar":
            assert heading == "تعليقان"  # the dual: "two comments", with no numeral

    # The Arabic page's layout is the English one mirrored: its landmarks sit on the other side,
    # and the sections run from right to left.
    for landmark in ("site_name", "first_section"):
        assert seen["en"][landmark] < 0.5 < seen["ar"][landmark], (landmark, seen)
    assert seen["en"]["nav_order"] == 1 and seen["ar"]["nav_order"] == -1
    assert seen["ru"]["site_name"] < 0.5

    # Search in each edition finds its version by another form of a word.
    for language in ("en", "ru", "ar"):
        page.goto(f"{live_server.url}/{language}/search/?q={OTHER_FORM[language]}")
        results = page.locator("main").inner_text()
        assert TEXT[language][0] in results, language
        others = [TEXT[other][0] for other in TEXT if other != language]
        assert not any(other in results for other in others)
