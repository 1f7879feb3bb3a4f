"""Every response carries a Content-Security-Policy and a Permissions-Policy: strict for readers,
workable for the Wagtail admin, and frame-ancestors in step with X-Frame-Options."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document

from newsdesk.security_headers import asset_origins
from tests.articles.test_wagtail_hooks import story_form
from tests.common.db.articles import make_embed, make_story, paragraph
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parent.parent / "newsdesk"


def policy_of(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def story(section):
    return make_story(
        section,
        "Floods close the coast road",
        byline=[AuthorFactory(name="Anna Petrova")],
        body=[
            paragraph("Water rose overnight."),
            ("embed", make_embed("https://www.youtube.com/watch?v=flood1").url),
        ],
        tags=["Floods"],
    )


def reader_paths(story) -> list[str]:
    author = story.byline_entries.first().author
    return [
        "/",
        story.section.url,
        story.get_absolute_url(),
        author.get_absolute_url(),
        reverse("articles:tag", args=["floods"]),
        reverse("articles:search") + "?q=coast",
        reverse("feeds:latest"),
        "/no-such-page/",
    ]


def test_reader_pages_forbid_inline_script_and_style(client, story):
    """Scripts and styles only from our own address: no 'unsafe-inline', no eval, no plugins."""
    for path in reader_paths(story):
        policy = policy_of(client.get(path))
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert policy["img-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"], path
        assert policy["base-uri"] == ["'none'"], path
        assert policy["frame-ancestors"] == ["'none'"], path
        assert "https://www.youtube.com" in policy["frame-src"], path
        assert "'self'" not in policy["frame-src"], path


def test_reader_pages_are_not_framed(client, story):
    response = client.get(story.get_absolute_url())
    assert response.headers["X-Frame-Options"] == "DENY"


def test_every_response_carries_the_permissions_policy(client, admin_client, story):
    """Camera, microphone, location, payment and the ad-topics API are off, in every frame too."""
    responses = [client.get(path) for path in reader_paths(story)]
    responses.append(admin_client.get(reverse("wagtailadmin_home")))
    responses.append(client.get(reverse("wagtailadmin_login")))
    for response in responses:
        header = response.headers["Permissions-Policy"]
        features = dict(item.split("=", 1) for item in header.split(", "))
        for feature in ("camera", "microphone", "geolocation", "payment", "browsing-topics"):
            assert features[feature] == "()", (response.request["PATH_INFO"], feature)
        # Embedded video players keep what they need.
        assert "fullscreen" not in features and "encrypted-media" not in features


def test_rendered_reader_pages_hold_no_inline_script_style_or_handler(client, story):
    """What the strict policy would block is not in the pages in the first place."""
    for path in reader_paths(story)[:-2]:
        page = BeautifulSoup(client.get(path).content, "html.parser")
        for script in page.find_all("script"):
            # Structured data is a data block, never run, which the policy does not govern.
            assert script.get("src") or script.get("type") in DATA_BLOCKS, (path, str(script))
        assert page.find_all("style") == [], path
        for element in page.find_all(True):
            for attribute in element.attrs:
                assert attribute != "style", (path, str(element))
                assert not attribute.startswith("on"), (path, str(element))
            assert not element.get("href", "").startswith("javascript:"), path


#: The scripts without `src` a reader page may hold: data blocks, never run (JSON-LD structured
#: data; the live page's button texts, written by Django's `json_script`).
DATA_BLOCKS = ("application/ld+json", "application/json")


def reader_templates() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("templates/**/*.html")
        if "/admin/" not in path.as_posix() and "/moderation/templates/" not in path.as_posix()
    ]


@pytest.mark.parametrize("template", reader_templates(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_reader_template_has_no_inline_script_style_or_handler(template):
    text = template.read_text()
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/ld\+json\")[^>]*>")
    assert not inline.search(text), "inline <script> (other than a JSON-LD data block)"
    assert not re.search(r"<style\b", text), "<style> element"
    assert not re.search(r"\sstyle=", text), "style attribute"
    assert not re.search(r"\son[a-z]+=", text), "on* event handler"
    assert "javascript:" not in text


def test_admin_gets_its_own_policy(admin_client):
    """Wagtail's admin needs inline scripts and styles, data: images; still nothing from afar."""
    policy = policy_of(admin_client.get(reverse("wagtailadmin_home")))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["frame-src"][0] == "'self'"


def test_admin_login_page_gets_the_admin_policy(client):
    policy = policy_of(client.get(reverse("wagtailadmin_login")))
    assert "'unsafe-inline'" in policy["script-src"]


def test_previews_keep_the_readers_policy_and_may_be_framed_by_the_admin(admin_client, section):
    """Wagtail marks its previews SAMEORIGIN; frame-ancestors says the same, other pages 'none'.

    The preview is rendered for the reader's address, so it keeps the readers' strict policy."""
    data = story_form(section, [AuthorFactory()], AgencyFactory(), PhotoFactory())
    url = reverse("wagtailsnippets_articles_article:preview_on_add")
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url + "?in_preview_panel=true")
    assert b"Two reporters and AFP on the border" in response.content
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    policy = policy_of(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert response.headers["Content-Security-Policy"].count("frame-ancestors") == 1
    add = admin_client.get(reverse("wagtailsnippets_articles_article:add"))
    assert add.headers["X-Frame-Options"] == "DENY"
    assert policy_of(add)["frame-ancestors"] == ["'none'"]


def test_a_policy_set_by_the_view_gets_frame_ancestors_only(client, section):
    """Wagtail's document view sends its own policy; we only add framing to it."""
    document = Document.objects.create(
        title="Budget", file=ContentFile(b"figures", name="budget.txt")
    )
    response = client.get(document.url)
    assert (
        response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    )


def test_media_on_another_host_is_allowed_for_images_only(client, story, settings):
    settings.MEDIA_URL = "https://media.example.org/newsdesk/media/"
    policy = policy_of(client.get(story.get_absolute_url()))
    assert policy["img-src"] == ["'self'", "https://media.example.org"]
    assert policy["media-src"] == ["'self'", "https://media.example.org"]
    assert policy["script-src"] == ["'self'"]


def test_relative_media_and_static_addresses_add_no_origin(settings):
    settings.MEDIA_URL = "/media/"
    settings.STATIC_URL = "/static/"
    assert asset_origins() == {}
