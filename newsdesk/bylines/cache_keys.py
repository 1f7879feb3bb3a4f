"""Purging the pages that show an author or an agency when it changes (docs/apps/delivery.md).

An author page carries `author-<id>`; a page naming an author in a byline carries
`author-<id>-byline`; a page naming an agency carries `agency-<id>`. Feeds name both.
"""

from newsdesk.delivery import make_key, purge


def purge_author(sender, instance, **kwargs) -> None:
    """Receiver for Author saves and deletes: the profile page, the bylines, the feeds."""
    purge(
        [make_key("author", instance.pk), make_key("author", instance.pk, "byline"), "feed"],
        urls=lambda: [instance.get_absolute_url()],
    )


def purge_agency(sender, instance, **kwargs) -> None:
    """Receiver for Agency saves and deletes: the stories crediting it, the feeds."""
    purge([make_key("agency", instance.pk), "feed"])
