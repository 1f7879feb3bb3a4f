"""A story's body as feed readers get it with `NEWSDESK_FEED_FULL_TEXT`: its blocks rendered as
on the story page, then cleaned for a reader that shows it outside the site.

The page's body is trusted HTML of our own templates (its rich text was sanitised when stored,
newsdesk.rich_text), but it is made for our page: `<picture>` sources, players in frames,
addresses relative to the site. In a feed only plain, widely rendered HTML stays (nh3's
default elements: no frames, scripts, forms or styles), with every link and picture addressed
absolutely, so a reader elsewhere can follow it.
"""

from urllib.parse import urljoin

import nh3

from newsdesk.articles.templatetags.stories import render_story_body

#: Attributes kept, per element; everything else is dropped.
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "time": {"datetime"},
    "abbr": {"title"},
    "blockquote": {"cite"},
}
URL_ATTRIBUTES = {("a", "href"), ("img", "src"), ("blockquote", "cite")}


def feed_html(html: str, base_url: str) -> str:
    """`html` with only feed-safe elements and attributes, its addresses made absolute."""

    def absolute(tag: str, attribute: str, value: str) -> str | None:
        if (tag, attribute) in URL_ATTRIBUTES:
            return urljoin(base_url, value)
        return value

    return nh3.clean(
        html,
        attributes=ATTRIBUTES,
        attribute_filter=absolute,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    ).strip()


def story_full_text(story, base_url: str) -> str:
    """The story's body (its dateline first) as sanitised HTML for a feed."""
    return feed_html(str(render_story_body(story)), base_url)
