"""Stories as the WordPress posts importer leaves them: an Article and its ImportedItem record."""

from newsdesk.articles.models import Article
from newsdesk.imports.models import ImportedItem
from newsdesk.imports.records import wordpress_archive
from tests.common.db.articles import days_ago, make_story


def make_imported_post(
    section,
    post_id: str | int,
    *,
    site: str = "http://example.tld",
    url: str = "",
    headline: str = "",
    **fields,
) -> Article:
    """A published story that WordPress post `post_id` of `site` became, with its old address."""
    story = make_story(
        section, headline or f"Imported post {post_id}", published_at=days_ago(30), **fields
    )
    ImportedItem.objects.create(
        source=ImportedItem.Source.WORDPRESS,
        archive=wordpress_archive(site),
        kind=ImportedItem.Kind.POST,
        external_id=str(post_id),
        original_url=url or f"{site}/?p={post_id}",
        story=story,
    )
    return story
