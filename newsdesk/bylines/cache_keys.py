"""Purging the pages that show an author or an agency when it changes (docs/apps/delivery.md).

An author page carries `author-<id>`; a page naming an author in a byline carries
`author-<id>-byline`; a page naming an agency carries `agency-<id>`. Feeds name both. A page
listing every author of an edition (the search page's filter) carries `authors`: one key, not
one per author, so its header stays short however many authors there are.
"""

from newsdesk.delivery import make_key, purge

#: Carried by pages listing every author of an edition; any author change purges it.
AUTHORS_KEY = "authors"


def purge_author(sender, instance, **kwargs) -> None:
    """Receiver for Author saves and deletes: the profile page, the bylines, the feeds, and the
    profile pages of the author's other editions (their language switcher and `hreflang`)."""
    siblings = [make_key("author", pk) for pk in _translation_ids(instance)]
    purge(
        [
            make_key("author", instance.pk),
            make_key("author", instance.pk, "byline"),
            AUTHORS_KEY,
            "feed",
            *siblings,
        ],
        urls=lambda: [instance.get_absolute_url()],
    )


def _translation_ids(author) -> list[int]:
    if not author.translation_key:
        return []
    return list(
        type(author)
        .objects.filter(translation_key=author.translation_key)
        .exclude(pk=author.pk)
        .values_list("pk", flat=True)
    )


def purge_agency(sender, instance, **kwargs) -> None:
    """Receiver for Agency saves and deletes: the stories crediting it, the feeds."""
    purge([make_key("agency", instance.pk), "feed"])
