"""No reader address answers 500, whatever a reader (or a robot) puts in it.

Hypothesis walks every URL pattern readers can reach (the resolver's, minus the admin) with
hostile values in each path argument, in each query parameter and form field the views read, and
in the headers and cookies they look at: NUL, lone surrogates, control and format characters,
huge strings and numbers, SQL, FTS5 and tsquery syntax, template syntax, path traversal. Values
travel as a client sends them, percent-encoded UTF-8 bytes (invalid UTF-8 for a surrogate), so
they meet Django's own decoding first. Every answer must be below 500. Run it on PostgreSQL too
(DATABASE_URL): NUL and huge numbers fail there where SQLite passes.
"""

from dataclasses import dataclass
from string import Formatter
from urllib.parse import quote_from_bytes

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from newsdesk.discussion import tokens
from newsdesk.live.views import current_window
from newsdesk.moderation import digest
from tests.common.db.articles import make_story
from tests.common.db.bylines import AuthorFactory
from tests.common.db.discussion import CommentFactory
from tests.common.db.live import make_coverage, make_editor, post
from tests.common.db.moderation import make_moderator
from tests.common.db.photos import PhotoFactory
from tests.common.db.sections import make_section

#: Staff pages: their own tests cover them, behind a login.
NOT_FOR_READERS = ("admin/",)


@dataclass(frozen=True)
class Endpoint:
    """One reader address: its URL pattern's name, its path with {placeholders} for the
    arguments, and what its view reads from the query string and the posted form."""

    name: str
    path: str
    params: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    method: str = "GET"

    @property
    def arguments(self) -> list[str]:
        return [name for _text, name, _spec, _conv in Formatter().parse(self.path) if name]


COMMENT_FIELDS = (
    "author_name",
    "author_email",
    "text",
    "notify_on_reply",
    "website",
    "parent",
    "token",
)
STORY_PATH = "/{section}/{year}/{month}/{day}/{story}/"

#: What the content API's story list reads from the query string.
API_STORY_PARAMETERS = (
    "section",
    "author",
    "agency",
    "tag",
    "language",
    "published_after",
    "published_before",
    "modified_after",
    "ordering",
    "cursor",
    "limit",
)

ENDPOINTS = (
    Endpoint("wagtail_serve", "/", params=("page",)),
    Endpoint("wagtail_serve", "/{section}/", params=("page",)),
    Endpoint("wagtail_serve", "/{section}/{anything}/"),
    Endpoint(
        "articles:story", STORY_PATH, params=("comments", "comments_page", "comment", "reaction")
    ),
    Endpoint("articles:search", "/en/search/", params=("q", "page")),
    Endpoint("articles:tag", "/en/tags/{tag}/", params=("page",)),
    Endpoint("bylines:author", "/en/authors/{author}/", params=("page",)),
    Endpoint("articles:corrections", "/en/corrections/", params=("page",)),
    Endpoint("feeds:latest", "/en/feeds/latest/"),
    Endpoint("feeds:latest-atom", "/en/feeds/latest/atom/"),
    Endpoint("feeds:latest-json", "/en/feeds/latest/json/"),
    Endpoint("feeds:section", "/en/feeds/sections/{section}/"),
    Endpoint("feeds:section-atom", "/en/feeds/sections/{section}/atom/"),
    Endpoint("feeds:section-json", "/en/feeds/sections/{section}/json/"),
    Endpoint("feeds:author", "/en/feeds/authors/{author}/"),
    Endpoint("feeds:author-atom", "/en/feeds/authors/{author}/atom/"),
    Endpoint("feeds:author-json", "/en/feeds/authors/{author}/json/"),
    Endpoint("feeds:tag", "/en/feeds/tags/{tag}/"),
    Endpoint("feeds:tag-atom", "/en/feeds/tags/{tag}/atom/"),
    Endpoint("feeds:tag-json", "/en/feeds/tags/{tag}/json/"),
    Endpoint("feeds:corrections", "/en/feeds/corrections/"),
    Endpoint("feeds:corrections-atom", "/en/feeds/corrections/atom/"),
    Endpoint("feeds:corrections-json", "/en/feeds/corrections/json/"),
    Endpoint("feeds:comments", "/en/feeds/comments/{story_id}/"),
    Endpoint("feeds:comments-atom", "/en/feeds/comments/{story_id}/atom/"),
    Endpoint("feeds:comments-json", "/en/feeds/comments/{story_id}/json/"),
    Endpoint("feeds:sitemap-index", "/en/sitemap.xml", params=("p",)),
    Endpoint("feeds:news-sitemap", "/en/sitemap-news.xml"),
    Endpoint("robots-txt", "/robots.txt"),
    Endpoint("health", "/healthz"),
    Endpoint("feeds:sitemap", "/en/sitemap-{sitemap}.xml", params=("p",)),
    Endpoint("reactions:vote", "/en/reactions/{story_id}/", fields=("choice",), method="POST"),
    Endpoint(
        "articles:story", "/en/{section}/{year}/{month}/{day}/{live_story}/", params=("page",)
    ),
    Endpoint("live:updates", "/en/live/{coverage_id}/entries/after/{window}/"),
    Endpoint("live:feed-rss", "/en/live/{coverage_id}/feed/rss/"),
    Endpoint("live:feed-atom", "/en/live/{coverage_id}/feed/atom/"),
    Endpoint("live:feed-json", "/en/live/{coverage_id}/feed/json/"),
    Endpoint(
        "discussion:post",
        "/en/discussion/stories/{story_id}/comments/",
        fields=COMMENT_FIELDS,
        method="POST",
    ),
    Endpoint("discussion:token", "/en/discussion/token/"),
    Endpoint("discussion:posted", "/en/discussion/posted/{posted_token}/"),
    Endpoint("discussion:reply", "/en/discussion/reply/{comment_id}/"),
    Endpoint("discussion:policy", "/en/discussion/policy/"),
    Endpoint("discussion:unsubscribe", "/en/discussion/unsubscribe/{reply_token}/"),
    Endpoint("discussion:unsubscribe", "/en/discussion/unsubscribe/{reply_token}/", method="POST"),
    Endpoint("moderation:unsubscribe", "/moderation/unsubscribe/{digest_token}/"),
    Endpoint(
        "moderation:unsubscribe",
        "/moderation/unsubscribe/{digest_token}/",
        fields=("subscribe",),
        method="POST",
    ),
    # Off unless NEWSDESK_ANALYZE_API_KEYS is set; its JSON body is fuzzed in its own tests.
    Endpoint("moderation:comments_analyze", "/moderation/v1alpha1/comments:analyze", method="POST"),
    Endpoint("wagtailcore_login", "/_util/login/", params=("next",)),
    Endpoint(
        "wagtailcore_login",
        "/_util/login/",
        params=("next",),
        fields=("username", "password", "next"),
        method="POST",
    ),
    Endpoint(
        "wagtailcore_authenticate_with_password",
        "/_util/authenticate_with_password/{restriction_id}/{private_id}/",
        fields=("password", "return_url"),
        method="POST",
    ),
    Endpoint("wagtaildocs_serve", "/documents/{document_id}/{document_name}"),
    Endpoint("api:api-root", "/api/"),
    Endpoint("api:openapi-json", "/api/openapi.json"),
    Endpoint("api:openapi-view", "/api/docs/"),
    Endpoint("api:stories", "/api/v1/stories/", params=API_STORY_PARAMETERS),
    Endpoint("api:story", "/api/v1/stories/{story_id}/"),
    Endpoint("api:story_ninjs", "/api/v1/stories/{story_id}/ninjs"),
    Endpoint("api:story_live", "/api/v1/stories/{story_id}/live/", params=("cursor", "limit")),
    Endpoint("api:sections", "/api/v1/sections/"),
    Endpoint("api:section", "/api/v1/sections/{section_id}/"),
    Endpoint("api:authors", "/api/v1/authors/", params=("cursor", "limit")),
    Endpoint("api:author", "/api/v1/authors/{author_id}/"),
    Endpoint("api:agencies", "/api/v1/agencies/"),
    Endpoint("api:tags", "/api/v1/tags/", params=("cursor", "limit")),
    Endpoint("api:photo", "/api/v1/photos/{photo_id}/"),
    Endpoint(
        "wagtaildocs_authenticate_with_password",
        "/documents/authenticate_with_password/{restriction_id}/",
        fields=("password", "return_url"),
        method="POST",
    ),
)

NASTY = (
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\x01\x07\x1b[31m\x7f",
    "\t\n\r",
    " ",
    "\u202egpj.exe",
    "\ufeff\u200b\u2028",
    "e\u0301\u0301\u0301",
    "🏳️‍🌈",
    "東京",
    "кошка",
    "١٢٣",
    "１２",
    "'\"--;",
    '"port sevra',
    "' OR '1'='1",
    "1; DROP TABLE articles_article; --",
    "port:* & !sevra | (x) <-> y",
    "NEAR(a b) OR NOT c*",
    "\\",
    "%",
    "%00",
    "%zz",
    "%%32%65",
    "../../../../etc/passwd",
    "..\\..\\win.ini",
    "//evil.example/",
    "https://evil.example/",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "{{ request }}{% debug %}",
    "${jndi:ldap://x/}",
    "\r\nSet-Cookie: a=b",
    "-1",
    "0",
    "1.5",
    "1e400",
    "NaN",
    "inf",
    "9" * 5000,
    "1" + "0" * 30,
    str(2**63),
    str(-(2**63) - 1),
    "A" * 10_000,
    "null",
    "[]",
    "{}",
    "newest",
    "yes",
    "1",
)

#: Mostly the known troublemakers, else any text, invisible characters or a number.
hostile = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from(NASTY),
    st.one_of(
        st.text(max_size=30),
        st.text(st.characters(categories=["Cc", "Cf", "Cs", "Zs", "Zl", "Co"]), max_size=8),
        st.integers().map(str),
    ),
)


def encoded(value: str) -> str:
    """`value` percent-encoded as a client sends it (a lone surrogate as invalid UTF-8)."""
    return quote_from_bytes(value.encode("utf-8", "surrogatepass"), safe="")


def header(value: str) -> str:
    """`value` as a WSGI server hands over a header: its bytes read as Latin-1."""
    return value.encode("utf-8", "surrogatepass").decode("latin-1")


def form_body(values: dict[str, str]) -> str:
    return "&".join(f"{encoded(name)}={encoded(value)}" for name, value in values.items())


def reader_patterns() -> set[str]:
    """The name of every URL pattern readers can reach, read from the resolver."""
    names = set()

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(NOT_FOR_READERS):
                continue
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                names.add(namespace + (pattern.name or route))

    walk(get_resolver().url_patterns, "", "")
    return names


def test_the_walk_covers_every_reader_url_pattern():
    """A new reader address fails here until it is added to ENDPOINTS."""
    assert reader_patterns() == {endpoint.name for endpoint in ENDPOINTS}


@pytest.fixture
def newsroom(home) -> dict[str, str]:
    """Valid values for every placeholder of ENDPOINTS, and valid form data to mix in."""
    section = make_section(home, "Security")
    private = make_section(home, "Members")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    author = AuthorFactory()
    photo = PhotoFactory()
    story = make_story(
        section, "Port Sevra reopens", byline=[author], tags=["shipping"], lead_photo=photo
    )
    comment = CommentFactory(story=story)
    moderator = make_moderator()
    document = Document.objects.create(title="Report", file=ContentFile(b"report", "report.txt"))
    story.refresh_from_db()
    published = story.first_published_at
    coverage = make_coverage(section, "Port Sevra live", published_at=published)
    post(coverage, make_editor(), "The first ship is in.")
    return {
        "section": section.slug,
        "anything": "more",
        "year": f"{published:%Y}",
        "month": f"{published:%m}",
        "day": f"{published:%d}",
        "story": story.slug,
        "live_story": coverage.story.slug,
        "coverage_id": str(coverage.pk),
        "window": str(current_window()),
        "tag": "shipping",
        "author": author.slug,
        "sitemap": "stories",
        "story_id": str(story.pk),
        "comment_id": str(comment.pk),
        "posted_token": tokens.posted_token(comment.pk),
        "reply_token": tokens.unsubscribe_token(comment.author_email),
        "digest_token": digest.unsubscribe_token(moderator),
        "restriction_id": str(restriction.pk),
        "private_id": str(private.pk),
        "document_id": str(document.pk),
        "document_name": document.filename,
        "section_id": str(section.pk),
        "author_id": str(author.pk),
        "photo_id": str(photo.pk),
        # Form fields and query parameters
        "author_name": "Anna Reader",
        "author_email": "anna@example.org",
        "text": "A considered comment on the reopening of the port.",
        "notify_on_reply": "on",
        "website": "",
        "parent": str(comment.pk),
        "choice": "yes",
        "subscribe": "1",
        "username": "anna",
        "password": "letmein",
        "return_url": "/members/",
        "next": "/",
        "q": "port",
        "page": "1",
        "p": "1",
        "comments": "newest",
        "comments_page": "1",
        "comment": str(comment.pk),
        "reaction": "yes",
        "agency": "AFP",
        "language": "en",
        "published_after": "2020-01-01T00:00:00Z",
        "published_before": "2100-01-01",
        "modified_after": "2020-01-01",
        "ordering": "-published",
        "cursor": "WyItcHVibGlzaGVkIiwiMjAyMC0wMS0wMVQwMDowMDowMCswMDowMCIsMV0",
        "limit": "5",
    }


#: Request headers the views or middleware read, with a valid value.
HEADERS = {
    "HTTP_ACCEPT": "text/html",  # or JSON, as the page's script asks
    "HTTP_ACCEPT_LANGUAGE": "ru,en;q=0.8",
    "HTTP_USER_AGENT": "Mozilla/5.0",
    "HTTP_ORIGIN": "http://testserver",
    "HTTP_REFERER": "http://testserver/",
    "HTTP_X_FORWARDED_FOR": "198.51.100.13:5678",
}
#: Cookies read by the session, the CSRF check and the vote, with a valid-looking value.
COOKIES = {"sessionid": "x" * 32, "csrftoken": "x" * 32, "newsdesk_voter": "x"}
STRAY = "stray parameter"


@st.composite
def hostile_request(draw, endpoint: Endpoint, valid: dict[str, str]) -> dict:
    """One request to `endpoint` with one to three hostile values, the rest valid, so that each
    hostile value reaches as far into the view as it can."""
    valid = {**valid, **HEADERS, **COOKIES, "token": tokens.issue_form_token()}
    slots = [*endpoint.arguments, *endpoint.params, *endpoint.fields, *HEADERS, *COOKIES, STRAY]
    targets = draw(st.sets(st.sampled_from(slots), min_size=1, max_size=3))
    valid["HTTP_ACCEPT"] = draw(st.sampled_from(["text/html", "application/json"]))

    def value(name: str) -> str:
        return draw(hostile) if name in targets else valid[name]

    path = endpoint.path.format_map({name: encoded(value(name)) for name in endpoint.arguments})
    params = {name: value(name) for name in endpoint.params}
    if STRAY in targets:
        params[draw(hostile)] = draw(hostile)
    fields = {name: value(name) for name in endpoint.fields}
    headers = {name: header(value(name)) for name in HEADERS}
    headers["HTTP_COOKIE"] = header("; ".join(f"{name}={value(name)}" for name in COOKIES))
    return {
        "method": endpoint.method,
        "url": f"{path}?{form_body(params)}" if params else path,
        "body": form_body(fields),
        "headers": headers,
    }


def send(client, request: dict):
    # A savepoint per request: on PostgreSQL a failed query would abort the test's transaction.
    with transaction.atomic():
        if request["method"] == "POST":
            return client.post(
                request["url"],
                request["body"],
                content_type="application/x-www-form-urlencoded",
                **request["headers"],
            )
        return client.get(request["url"], **request["headers"])


@pytest.mark.slow
@pytest.mark.django_db
def test_no_reader_address_answers_500(client, newsroom, settings):
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1  # X-Forwarded-For is read, as behind a proxy

    @settings_for_walk
    @given(data=st.data())
    def walk(data):
        for endpoint in ENDPOINTS:
            request = data.draw(hostile_request(endpoint, newsroom), label=endpoint.path)
            try:
                response = send(client, request)
            except Exception as error:  # the client raises what the view raised: a 500
                raise AssertionError(f"500 on {request}") from error
            assert response.status_code < 500, request

    walk()


#: 25 rounds of every endpoint: about 700 requests. No shrinking: each example is a round of
#: requests, shrinking one took minutes, and the failure names its request and traceback anyway.
settings_for_walk = hypothesis_settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
