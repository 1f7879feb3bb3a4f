"""Story addresses: one way to make them, the story page's and a sitemap's alike."""

import pytest
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.addresses import StoryAddresses
from newsdesk.articles.models import Article
from newsdesk.editions.services import in_edition
from tests.common.db.articles import days_ago, make_story
from tests.common.db.sections import make_edition, translate_section

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, section_title, slug",
    [
        ("en", None, "border-talks"),
        ("ru", "Безопасность", "переговоры-на-границе"),
        ("ar", "الأمن", "محادثات-الحدود"),
    ],
)
def test_a_story_has_one_address_in_its_edition(
    client, home, section, language, section_title, slug
):
    """`Article.get_absolute_url` and `StoryAddresses` (the sitemaps' many addresses) give the
    address reverse() gives in the story's edition, percent-encoded as reverse() does, and the
    story page answers there."""
    if section_title:
        make_edition(home, language)
        section = translate_section(section, language, section_title)
    story = Article.objects.select_related("section", "locale").get(
        pk=make_story(section, "Talks", slug=slug, published_at=days_ago(0.1)).pk
    )
    when = timezone.localtime(story.first_published_at)
    with in_edition(language):
        reversed_path = reverse(
            "articles:story",
            kwargs={
                "section": section.slug,
                "year": when.year,
                "month": f"{when.month:02d}",
                "day": f"{when.day:02d}",
                "slug": slug,
            },
        )
    assert reversed_path.startswith(f"/{language}/")
    assert story.get_absolute_url() == StoryAddresses().of(story) == reversed_path
    assert client.get(reversed_path).status_code == 200
