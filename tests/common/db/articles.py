from datetime import datetime, timedelta

from django.utils import timezone

from newsdesk.articles.models import Article, BylineEntry, Correction


def paragraph(text: str) -> tuple[str, str]:
    return ("paragraph", f"<p>{text}</p>")


def make_story(
    section,
    headline: str = "Ministers meet on border crossings",
    *,
    byline=(),
    publish: bool = True,
    published_at: datetime | None = None,
    body=None,
    tags=(),
    corrections=(),
    **fields,
) -> Article:
    """A story in `section`, credited to `byline` (authors and agencies in order), published
    through Wagtail's revisions unless `publish` is false."""
    story = Article(
        headline=headline,
        section=section,
        body=body if body is not None else [paragraph("First paragraph."), paragraph("Second.")],
        **fields,
    )
    for order, credited in enumerate(byline):
        kind = "author" if credited.__class__.__name__ == "Author" else "agency"
        story.byline_entries.add(BylineEntry(sort_order=order, **{kind: credited}))
    for kind, text, noted_at in corrections:
        story.corrections.add(Correction(kind=kind, text=text, noted_at=noted_at))
    if not publish:
        story.live = False
    story.save()
    if tags:
        story.tags.add(*tags)
        story.save()
    if publish:
        story.save_revision().publish()
        if published_at is not None:
            Article.objects.filter(pk=story.pk).update(first_published_at=published_at)
            story.refresh_from_db()
    return story


def days_ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)
