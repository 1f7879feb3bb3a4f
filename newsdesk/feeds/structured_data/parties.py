"""Who wrote a story: staff authors as Persons (and their profile pages), agencies as
Organizations."""

from collections.abc import Iterable

from newsdesk.feeds.structured_data.site import SCHEMA_ORG, absolute


def person(request, author) -> dict:
    """A staff author as a Person, with their page's address."""
    data = {
        "@type": "Person",
        "name": author.name,
        "url": absolute(request, author.get_absolute_url()),
    }
    if author.job_title:
        data["jobTitle"] = author.job_title
    return data


def agency_organization(agency) -> dict:
    """A wire agency as an Organization."""
    data = {"@type": "Organization", "name": agency.name}
    if agency.url:
        data["url"] = agency.url
    return data


def credits(request, entries: Iterable) -> list[dict]:
    """Byline entries (or anything with `author_id`/`agency_id`) as Persons and Organizations."""
    people = []
    for entry in entries:
        if entry.author_id:
            people.append(person(request, entry.author))
        elif entry.agency_id:
            people.append(agency_organization(entry.agency))
    return people


def profile_page(request, author) -> dict:
    """An author's page as a ProfilePage about them (a Person)."""
    url = absolute(request, author.get_absolute_url())
    about = person(request, author)
    if author.bio:
        about["description"] = author.bio
    data = {
        "@context": SCHEMA_ORG,
        "@type": "ProfilePage",
        "@id": url,
        "url": url,
        "mainEntity": about,
    }
    if author.locale_id:
        data["inLanguage"] = author.locale.language_code
    return data
