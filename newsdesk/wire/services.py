"""Ingesting wire copy: the one place where files and items become incoming items and stories.

The command line, the watched folder, the HTTP poller and the desk all call these functions.
Each item is ingested in its own transaction, so one bad item never stops the rest; whatever
could not be read is written to the ingest log with the reason.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from newsdesk.articles.embargo import Embargoed
from newsdesk.articles.models import Article
from newsdesk.editions.services import edition_of_language
from newsdesk.live import services as live
from newsdesk.search_index import indexed_once
from newsdesk.wire import pictures, stories
from newsdesk.wire.items import ParsedItem, changes_between
from newsdesk.wire.models import IncomingItem, IncomingVersion, IngestLogEntry, WireSource
from newsdesk.wire.parsers import UnreadableItem, parse
from newsdesk.wire.pictures import Fetch

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What ingesting one item did, in words for the log and the command line."""

    action: str  # created, updated, flagged, killed, unchanged, older, desk, photo, failed
    message: str
    item: IncomingItem | None = None

    @property
    def failed(self) -> bool:
        return self.action == "failed"


def ingest_bytes(
    data: bytes,
    *,
    name: str = "",
    source: WireSource | None = None,
    section=None,
    fetch_picture: Fetch | None = None,
) -> list[Outcome]:
    """Ingest every item in `data` (format from the source, or detected); raise `UnreadableItem`
    (after logging it) when the file as a whole cannot be read. `fetch_picture` brings a new
    story's lead photo (pictures.py); without it, pictures stay on the item only."""
    try:
        items = parse(data, source.format if source else "")
    except UnreadableItem as error:
        log_entry(IngestLogEntry.Level.ERROR, str(error), source=source, file_name=name)
        raise
    section = section or (source.section if source else None)
    outcomes = []
    for parsed in items:
        try:
            with transaction.atomic():
                outcome = ingest_item(
                    parsed, source=source, section=section, fetch_picture=fetch_picture
                )
        except Exception as error:  # one item's failure is logged and the file goes on
            logger.exception("Could not ingest %s from %s", parsed.uri, name)
            outcome = Outcome("failed", f"{parsed.headline or parsed.uri}: {error}")
        level = IngestLogEntry.Level.ERROR if outcome.failed else IngestLogEntry.Level.INFO
        if parsed.notes and not outcome.failed:
            level = IngestLogEntry.Level.WARNING
        message = " ".join([outcome.message, *parsed.notes])
        log_entry(level, message, source=source, file_name=name, item=outcome.item)
        outcomes.append(outcome)
    return outcomes


def log_entry(level, message, *, source=None, file_name="", item=None, moved_to="") -> None:
    IngestLogEntry.objects.create(
        level=level,
        message=message[:10_000],
        source=source,
        file_name=file_name[:1000],
        item=item,
        moved_to=moved_to[:1000],
    )


def _uri(parsed: ParsedItem) -> str:
    if parsed.uri:
        return parsed.uri[:500]
    # An item with no identifier (some feeds) is known by what it says.
    said = f"{parsed.headline}\n{parsed.link}\n{parsed.body_html}".encode()
    return f"urn:newsdesk:sha256:{hashlib.sha256(said).hexdigest()}"


def _older(parsed: ParsedItem, item: IncomingItem) -> bool:
    """Whether `parsed` is an older version than the one on the desk (sent out of order)."""
    if parsed.version.isdigit() and item.version.isdigit():
        return int(parsed.version) < int(item.version)
    if parsed.version_created and item.version_created:
        return parsed.version_created < item.version_created
    return False


def ingest_item(
    parsed: ParsedItem, *, source: WireSource | None, section, fetch_picture: Fetch | None = None
) -> Outcome:
    """One item: new, a new version, a repeat, or a withdrawal. Call inside a transaction."""
    uri = _uri(parsed)
    item = IncomingItem.objects.select_for_update().filter(uri=uri).first()
    digest = parsed.content_hash()
    if item is None:
        return _first_version(parsed, uri, digest, source, section, fetch_picture)
    if item.content_hash == digest:
        return Outcome("unchanged", f"Already here, unchanged: {item.headline}", item)
    if _older(parsed, item):
        return Outcome(
            "older",
            f"Version {parsed.version or parsed.version_created} is older than the one on the "
            f"desk ({item.version or item.version_created}); kept the newer: {item.headline}",
            item,
        )
    changes = changes_between(item.parsed, parsed)
    _remember(item, parsed, digest, changes)
    if parsed.withdrawn:
        return _kill(item)
    if parsed.is_picture and item.photo is None:
        return _into_photo_library(item, parsed, fetch_picture)  # not fetched the first time
    if item.photo is not None:
        _reword_photo(item.photo, parsed)
        item.save()
        return Outcome(
            "updated", f"New version: the photo's caption and credit updated: {item.headline}", item
        )
    story = item.story
    if story is None:
        section, _missing = section_in_its_edition(section, parsed.language)
        if parsed.makes_story and section is not None:
            item.story = _create_story(parsed, source, section, fetch_picture)
            item.status = IncomingItem.Status.NEW
            item.save()
            return Outcome("created", f"New version, story made: {item.headline}", item)
        item.save()
        return Outcome("updated", f"New version on the desk: {item.headline}", item)
    if story.live:
        item.status = IncomingItem.Status.FLAGGED
        item.save()
        return Outcome(
            "flagged",
            f"The published story has a new version from the agency ({'; '.join(changes)}): "
            f"{item.headline}",
            item,
        )
    stories.update_draft(story, parsed)
    story.save_revision(log_action=True)
    item.status = IncomingItem.Status.UPDATED
    item.save()
    return Outcome("updated", f"Draft updated to version {parsed.version}: {item.headline}", item)


def _remember(
    item: IncomingItem, parsed: ParsedItem, digest: str, changes: list[str], *, keep: bool = True
) -> None:
    item.content = parsed.to_json()
    item.content_hash = digest
    item.headline = parsed.headline[:255] or item.headline
    item.version = parsed.version[:50]
    item.version_created = parsed.version_created
    item.embargo = parsed.embargo
    item.urgency = parsed.urgency
    item.language = parsed.language[:35]
    item.changes = "\n".join(changes)
    if not keep:
        return
    IncomingVersion.objects.create(
        item=item,
        version=item.version,
        content=item.content,
        content_hash=digest,
        changes=item.changes,
    )


def _first_version(parsed, uri, digest, source, section, fetch_picture) -> Outcome:
    item = IncomingItem(
        uri=uri,
        source=source,
        format=parsed.format,
        kind=parsed.kind[:20],
        headline=(parsed.headline or uri)[:255],
        agency_name=(source.agency.short_name if source else parsed.agency)[:255],
        status=IncomingItem.Status.DESK,
        content_hash=digest,
    )
    _remember(item, parsed, digest, [], keep=False)
    item.save()
    IncomingVersion.objects.create(
        item=item, version=item.version, content=item.content, content_hash=digest
    )
    if parsed.withdrawn:
        item.status = IncomingItem.Status.KILLED
        item.save()
        return Outcome("killed", f"Withdrawn before it was run: {item.headline}", item)
    if parsed.is_picture:
        return _into_photo_library(item, parsed, fetch_picture)
    if not parsed.makes_story:
        return Outcome("desk", f"On the desk ({parsed.kind}): {item.headline}", item)
    if section is None:
        return Outcome("desk", f"On the desk (no section to file it in): {item.headline}", item)
    section, missing = section_in_its_edition(section, parsed.language)
    if section is None:
        return Outcome("desk", f"On the desk ({missing}): {item.headline}", item)
    item.story = _create_story(parsed, source, section, fetch_picture)
    item.status = IncomingItem.Status.NEW
    item.save()
    said = "published" if item.story.live else "scheduled" if item.story.go_live_at else "draft"
    return Outcome("created", f"New story ({said}): {item.headline}", item)


def _into_photo_library(item: IncomingItem, parsed: ParsedItem, fetch_picture) -> Outcome:
    """A picture item: its file as a photo in the library, with the agency's words, ready to
    place in a story; on the desk when it cannot be fetched (the reason in the log)."""
    photo = pictures.first_photo(
        parsed.pictures, fetch_picture, title=parsed.headline, notes=parsed.notes
    )
    if photo is None:
        return Outcome("desk", f"On the desk ({parsed.kind}): {item.headline}", item)
    item.photo = photo
    item.status = IncomingItem.Status.PHOTO
    item.save()
    return Outcome("photo", f"In the photo library: {item.headline}", item)


def _reword_photo(photo, parsed: ParsedItem) -> None:
    """A new version of a picture item: the agency's new caption, credit and alt text, same file."""
    if not parsed.pictures:
        return
    words = pictures.photo_words(parsed.pictures[0], title=parsed.headline)
    for name, value in words.items():
        setattr(photo, name, value)
    photo.save(update_fields=list(words))


def send_to_live(item: IncomingItem, coverage, user):
    """The item's copy as a draft entry of `coverage`'s live coverage, credited to its agency,
    for an editor to read and post. Refused for a withdrawn item or one still under embargo:
    an entry can be posted at once, and the embargo guard of stories does not see entries."""
    if item.status == IncomingItem.Status.KILLED:
        raise ValidationError(_("The agency withdrew this item: it cannot go into live coverage."))
    if item.embargo and item.embargo > timezone.now():
        raise ValidationError(
            _("This item is embargoed until %(time)s: send it to live coverage after then.")
            % {"time": date_format(timezone.localtime(item.embargo), "DATETIME_FORMAT")}
        )
    parsed = item.parsed
    entry = live.entry_from_copy(
        coverage,
        user,
        headline=parsed.headline[:255],
        body=stories.body_stream(parsed),
        agency=stories.agency_for(parsed, item.source),
        source=item.uri[:255],
    )
    log_entry(
        IngestLogEntry.Level.INFO,
        f"Sent to the live coverage of {coverage.story} as a draft entry by {user}",
        source=item.source,
        item=item,
    )
    return entry


def section_in_its_edition(section, language: str):
    """The section a story in `language` is filed in: `section` itself, or its translation in
    the edition of the item's language (an agency's Russian service fed to the Security section
    files in the Russian edition's). Returns (None, why) when that edition lacks the section;
    an item in a language without an edition stays in `section`."""
    if section is None:
        return None, "no section to file it in"
    edition = edition_of_language(language)
    if edition is None or edition == section.locale.language_code:
        return section, ""
    translated = section.get_translations().filter(locale__language_code=edition).first()
    if translated is None:
        return None, f"no translation of the section {section.title} in the {edition} edition"
    return translated.specific, ""


def _create_story(parsed: ParsedItem, source, section, fetch_picture=None):
    photo = pictures.first_photo(
        parsed.pictures, fetch_picture, title=parsed.headline, notes=parsed.notes
    )
    with indexed_once(Article):
        story = stories.new_story(parsed, section, stories.agency_for(parsed, source), photo)
        revision = story.save_revision(log_action=True)
        if source is not None and source.default_status == WireSource.DefaultStatus.PUBLISH:
            if parsed.embargo and parsed.embargo > timezone.now():
                # Held until the embargo: the worker's publish_scheduled releases it.
                story.go_live_at = parsed.embargo
                story.save()
                revision = story.save_revision()
            try:
                revision.publish()
            except Embargoed:  # cannot happen with the schedule above; kept as a draft if it does
                logger.warning("Story %s kept as a draft: embargoed", story.pk)
            story.refresh_from_db()
    return story


def _kill(item: IncomingItem) -> Outcome:
    """The agency withdrew the item: unpublish its story, or flag the draft."""
    item.status = IncomingItem.Status.KILLED
    item.save()
    story = item.story
    if item.photo is not None:
        return Outcome(
            "killed",
            f"Withdrawn by the agency: take the photo out of any story that uses it: "
            f"{item.headline}",
            item,
        )
    if story is not None and story.live:
        story.unpublish(log_action=True)
        return Outcome(
            "killed", f"Withdrawn by the agency: story unpublished: {item.headline}", item
        )
    if story is not None:
        return Outcome(
            "killed",
            f"Withdrawn by the agency: the draft is flagged, do not run it: {item.headline}",
            item,
        )
    return Outcome("killed", f"Withdrawn by the agency: {item.headline}", item)
