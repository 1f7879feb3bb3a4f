"""schema.org JSON-LD for reader pages, as search engines and aggregators read them.

Each function builds plain dicts from what the page already shows; `script_json` makes one safe
to place in `<script type="application/ld+json">`. The pages get them through the
`{% structured_data %}` tag (templatetags/structured_data.py), which base.html calls: articles,
sections, bylines and live coverage sit below feeds and do not import it.

One module per concern: `site` (addresses, the publisher, the front page's documents),
`parties` (authors and agencies), `images`, `stories` (NewsArticle and LiveBlogPosting),
`breadcrumbs`, `pages` (which documents each page carries) and `script` (the `<script>` text).

Properties with nothing to say (no photo, no dateline, no correction) are left out, never null.
"""

from newsdesk.feeds.structured_data.images import lead_photo_images, photo_images
from newsdesk.feeds.structured_data.pages import page_documents
from newsdesk.feeds.structured_data.parties import agency_organization, credits, person
from newsdesk.feeds.structured_data.script import script_json
from newsdesk.feeds.structured_data.site import SCHEMA_ORG, publisher, site_name
from newsdesk.feeds.structured_data.stories import live_blog_posting, news_article

__all__ = [
    "SCHEMA_ORG",
    "agency_organization",
    "credits",
    "lead_photo_images",
    "live_blog_posting",
    "news_article",
    "page_documents",
    "person",
    "photo_images",
    "publisher",
    "script_json",
    "site_name",
]
