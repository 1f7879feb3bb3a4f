"""Reader pages carry schema.org JSON-LD: stories, sections, the front page, authors."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.common.db.articles import make_story
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.photos import PhotoFactory, image_file

pytestmark = pytest.mark.django_db


def documents(response) -> dict[str, dict]:
    """The page's JSON-LD documents by `@type`; each type once."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    found = {}
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] not in found
        found[data["@type"]] = data
    return found


@pytest.fixture
def full_story(section):
    """A story with two staff authors and an agency, a dateline, tags, a large lead photo, a
    correction and an update."""
    noted = timezone.now() - timedelta(hours=1)
    story = make_story(
        section,
        "Border crossings reopen after talks",
        standfirst="Trucks queued through the night.",
        byline=[
            AuthorFactory(name="Anna Petrova", slug="anna-petrova", job_title="Correspondent"),
            AuthorFactory(name="Tamar Eliava", slug="tamar-eliava"),
            AgencyFactory(short_name="AFP", name="Agence France-Presse"),
        ],
        dateline="ANKARA",
        published_at=timezone.now() - timedelta(hours=3),
        tags=["borders", "trade"],
        lead_photo=PhotoFactory(
            file=image_file(size=(2400, 1600)), caption="The crossing at dawn.", credit="AFP"
        ),
        corrections=[
            ("correction", "An earlier version misnamed the minister.", noted),
            ("update", "Adds the ministry's statement.", noted + timedelta(minutes=5)),
        ],
    )
    story.refresh_from_db()
    return story


def test_a_story_is_a_news_article_with_every_property(client, full_story):
    story = full_story
    url = f"http://testserver{story.get_absolute_url()}"
    article = documents(client.get(story.get_absolute_url()))["NewsArticle"]

    assert article["headline"] == "Border crossings reopen after talks"
    assert article["description"] == "Trucks queued through the night."
    assert article["url"] == article["@id"] == url
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["datePublished"] == story.first_published_at.isoformat()
    correction, update = sorted(story.corrections.all(), key=lambda c: c.noted_at)
    assert article["dateModified"] == update.noted_at.isoformat()
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Anna Petrova",
            "url": "http://testserver/en/authors/anna-petrova/",
            "jobTitle": "Correspondent",
        },
        {
            "@type": "Person",
            "name": "Tamar Eliava",
            "url": "http://testserver/en/authors/tamar-eliava/",
            "jobTitle": "Correspondent",
        },
        {"@type": "Organization", "name": "Agence France-Presse"},
    ]
    assert article["publisher"] == {
        "@type": "Organization",
        "name": "The Test Courier",
        "url": "http://testserver/en/",
        "logo": {"@type": "ImageObject", "url": "http://testserver/static/newsdesk/logo.png"},
    }
    assert article["locationCreated"] == {"@type": "Place", "name": "ANKARA"}
    assert article["articleSection"] == "Security"
    assert sorted(article["keywords"]) == ["borders", "trade"]
    # Only the correction: an update is not one.
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "An earlier version misnamed the minister.",
            "datePublished": correction.noted_at.isoformat(),
        }
    ]
    assert article["isAccessibleForFree"] is True
    assert article["inLanguage"] == "en"


def test_the_lead_photo_comes_in_three_shapes_at_least_1200_px_wide(client, full_story):
    images = documents(client.get(full_story.get_absolute_url()))["NewsArticle"]["image"]
    # 16:9, 4:3 and 1:1, to the pixel: a crop decoded at its own size may round a pixel up.
    assert [image["width"] for image in images] == [1200, 1200, 1200]
    for image, height in zip(images, (675, 900, 1200), strict=True):
        assert abs(image["height"] - height) <= 1, images
    for image in images:
        assert image["@type"] == "ImageObject"
        assert image["url"].startswith("http://testserver/") and image["url"].endswith(".jpg")
        assert image["caption"] == "The crossing at dawn." and image["creditText"] == "AFP"
    assert len({image["url"] for image in images}) == 3


def test_a_plain_story_leaves_out_what_it_does_not_have(client, section):
    story = make_story(section, "Quiet day", byline=[AgencyFactory()])
    article = documents(client.get(story.get_absolute_url()))["NewsArticle"]
    for absent in ("image", "locationCreated", "correction", "keywords", "description"):
        assert absent not in article
    assert None not in article.values()
    assert article["dateModified"] == article["datePublished"]
    assert article["author"] == [{"@type": "Organization", "name": "AFP news agency"}]


def test_a_headline_cannot_break_out_of_the_script_element(client, section):
    headline = "Up </script><script>alert(1)</script> <!-- & down"
    story = make_story(section, headline, dateline="</SCRIPT>")
    response = client.get(story.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    for script in soup.find_all("script"):  # no script the headline could have opened
        assert script.get("src") or script.get("type") == "application/ld+json", script
    found = documents(response)
    assert set(found) == {"NewsArticle", "BreadcrumbList"}
    assert found["NewsArticle"]["headline"] == headline
    assert found["NewsArticle"]["locationCreated"]["name"] == "</SCRIPT>"
    assert found["BreadcrumbList"]["itemListElement"][-1]["name"] == headline


def test_a_story_has_breadcrumbs_from_the_front_page(client, section):
    story = make_story(section, "Ministers meet")
    crumbs = documents(client.get(story.get_absolute_url()))["BreadcrumbList"]
    assert crumbs["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": 1,
            "name": "The Test Courier",
            "item": "http://testserver/en/",
        },
        {
            "@type": "ListItem",
            "position": 2,
            "name": "Security",
            "item": "http://testserver/en/security/",
        },
        {
            "@type": "ListItem",
            "position": 3,
            "name": "Ministers meet",
            "item": f"http://testserver{story.get_absolute_url()}",
        },
    ]


def test_a_section_has_breadcrumbs(client, section):
    found = documents(client.get(section.url))
    assert set(found) == {"BreadcrumbList"}
    assert [
        (i["position"], i["name"], i["item"]) for i in found["BreadcrumbList"]["itemListElement"]
    ] == [
        (1, "The Test Courier", "http://testserver/en/"),
        (2, "Security", "http://testserver/en/security/"),
    ]


def test_the_front_page_is_an_organization_and_a_searchable_website(client, section):
    found = documents(client.get("/en/"))
    organization, website = found["Organization"], found["WebSite"]
    assert organization["name"] == "The Test Courier"
    assert organization["url"] == "http://testserver/en/"
    assert organization["logo"]["url"] == "http://testserver/static/newsdesk/logo.png"
    assert website["name"] == "The Test Courier" and website["url"] == "http://testserver/en/"
    assert website["inLanguage"] == "en"
    assert website["publisher"] == {"@id": organization["@id"]}
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == (
        "http://testserver/en/search/?q={search_term_string}"
    )
    assert action["query-input"] == "required name=search_term_string"
    search = action["target"]["urlTemplate"].replace("{search_term_string}", "border")
    assert client.get(search.removeprefix("http://testserver")).status_code == 200


def test_an_author_page_is_a_profile_page(client, section):
    author = AuthorFactory(name="Anna Petrova", slug="anna-petrova", bio="Covers the border.")
    found = documents(client.get("/en/authors/anna-petrova/"))
    assert set(found) == {"ProfilePage"}
    profile = found["ProfilePage"]
    assert profile["url"] == "http://testserver/en/authors/anna-petrova/"
    assert profile["inLanguage"] == "en"
    assert profile["mainEntity"] == {
        "@type": "Person",
        "name": author.name,
        "url": "http://testserver/en/authors/anna-petrova/",
        "jobTitle": "Correspondent",
        "description": "Covers the border.",
    }


def test_the_publisher_logo_is_a_setting(client, section, settings):
    settings.NEWSDESK_PUBLISHER_LOGO = "https://cdn.example.org/our-logo.png"
    found = documents(client.get("/en/"))
    assert found["Organization"]["logo"]["url"] == "https://cdn.example.org/our-logo.png"


def test_kept_structured_data_follows_a_renamed_author_and_a_new_caption(
    client, section, django_capture_on_commit_callbacks
):
    """The story's JSON-LD is kept between renders and dropped by the purges that drop the
    byline and the photo."""
    author, photo = AuthorFactory(name="Anna Petrova"), PhotoFactory(caption="Dawn.")
    story = make_story(section, byline=[author], lead_photo=photo)
    url = story.get_absolute_url()
    article = documents(client.get(url))["NewsArticle"]
    assert article["author"][0]["name"] == "Anna Petrova"
    assert article["image"][0]["caption"] == "Dawn."
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Anna Petrova-Aziz"
        author.save()
        photo.caption = "Dusk."
        photo.save()
    article = documents(client.get(url))["NewsArticle"]
    assert article["author"][0]["name"] == "Anna Petrova-Aziz"
    assert article["image"][0]["caption"] == "Dusk."
