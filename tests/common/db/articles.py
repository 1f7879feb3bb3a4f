from datetime import datetime, timedelta

from django.utils import timezone
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

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


def make_embed(url: str, html: str | None = None, provider: str = "YouTube") -> Embed:
    """An embed as Wagtail's oEmbed finder would have stored it, so no test asks the provider.

    By default a YouTube-style player frame; pass `html` for any other markup.
    """
    if html is None:
        video = url.rsplit("=", 1)[-1]
        html = (
            f'<iframe width="480" height="270" src="https://www.youtube.com/embed/{video}"'
            ' frameborder="0" allow="autoplay; encrypted-media; picture-in-picture"'
            f' allowfullscreen title="{provider} video"></iframe>'
        )
    return Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html=html,
        title=f"{provider} video",
        provider_name=provider,
        width=480,
        height=270,
    )


def translate_story(story: Article, language: str, *, publish: bool = True, **fields) -> Article:
    """A translation of `story` into `language` made as the admin's Translate action makes it
    (Wagtail's copy_for_translation), given `fields`, and published unless `publish` is false."""
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language)
    translation = story.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    if publish:
        translation.save_revision().publish()
        translation.refresh_from_db()
    return translation
