"""Which documents each reader page carries."""

from django.utils.translation import get_language

from newsdesk.delivery import cached_fragment
from newsdesk.feeds.structured_data.breadcrumbs import section_breadcrumbs, story_breadcrumbs
from newsdesk.feeds.structured_data.images import lead_photo_images
from newsdesk.feeds.structured_data.parties import profile_page
from newsdesk.feeds.structured_data.site import front_page, site_name
from newsdesk.feeds.structured_data.stories import live_blog_posting, news_article


def page_documents(request, context) -> list[dict]:
    """The JSON-LD documents of the reader page rendered with `context`: none for a preview or a
    page not listed here.

    A live coverage's page: its LiveBlogPosting and breadcrumbs; a story's: its NewsArticle and
    breadcrumbs; a section's: breadcrumbs; the front page: Organization and WebSite; an
    author's: ProfilePage.
    """
    from newsdesk.articles.models import Article
    from newsdesk.bylines.models import Author
    from newsdesk.sections.models import HomePage, SectionPage

    if context.get("is_preview"):
        return []
    site = site_name(context)
    article = context.get("article")
    # A story page's context (articles.services.story_context) has its tags and corrections.
    if isinstance(article, Article) and article.pk and "corrections" in context:
        if context.get("coverage") is not None and context.get("entries") is not None:
            posting = live_blog_posting(
                request, context["coverage"], article, context["entries"].object_list, site
            )
            return [posting, story_breadcrumbs(request, article, site)]
        return story_documents(request, context, site)
    page = context.get("page")
    if isinstance(page, HomePage):
        # The edition's language, active for its pages (page.locale would cost a query).
        return front_page(request, site, get_language())
    if isinstance(page, SectionPage):
        return [section_breadcrumbs(request, page, site)]
    author = context.get("author")
    if isinstance(author, Author):
        return [profile_page(request, author)]
    return []


def story_documents(request, context, site: str) -> list[dict]:
    """A published story's NewsArticle and breadcrumbs, kept between renders as a fragment.

    Named by the story's version, the language, the host (the addresses are absolute) and the
    site's name; its
    keys are those of what it names (byline, lead photo, tags, the site's sections), all of
    which the story page carries already. Made in the same render as the page's own fragments,
    it reuses what they fetched (the byline, the lead photo's renditions) and costs no query.
    """
    from newsdesk.articles.fragments import story_version

    article = context["article"]
    origin = request.build_absolute_uri("/")
    name = f"story-structured-data:{story_version(article)}:{get_language()}:{origin}:{site}"
    return list(
        cached_fragment(
            name,
            lambda: make_story_documents(
                request, article, site, tags=context["tags"], corrections=context["corrections"]
            ),
        )[0]
    )


def make_story_documents(
    request, article, site: str, *, tags, corrections
) -> tuple[list[dict], list[str]]:
    from django.db.models import prefetch_related_objects

    from newsdesk.articles.cache_keys import SITE_KEY, story_key
    from newsdesk.articles.fragments import byline_keys
    from newsdesk.articles.services import byline_prefetch
    from newsdesk.delivery import make_key
    from newsdesk.photos.cache_keys import photo_keys

    prefetch_related_objects([article], byline_prefetch())  # nothing, if the byline's fragment did
    entries = list(article.byline_entries.all())
    photo = article.lead_photo
    document = news_article(
        request,
        article,
        site=site,
        entries=entries,
        tags=tags,
        corrections=corrections,
        lead_images=lead_photo_images(request, photo),
    )
    keys = [SITE_KEY, story_key(article.pk), *byline_keys(entries), *photo_keys([photo])]
    keys += [make_key("tag", tag.pk, "label") for tag in tags]
    return [document, story_breadcrumbs(request, article, site)], keys
