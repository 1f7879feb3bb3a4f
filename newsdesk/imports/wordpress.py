"""A WordPress export's posts as stories, its attachments as photos, its authors as bylines.

`import_posts` reads the file twice, streaming: attachments first (so a post finds its photos
whatever their order in the file), then posts. Each item is imported in its own savepoint: a
malformed one is reported and skipped, and never stops the rest. Every item's record
(ImportedItem) keeps a fingerprint of what was read, so a second run of the same file changes
nothing, and a newer export updates only the posts that changed there.

A story edited here since it was imported is left alone (its latest revision is newer than the
record's update): the import cannot tell a typo fixed here from a rewrite, so it keeps ours and
says so in the report.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale

from newsdesk.articles.models import Article, BylineEntry, DiscussionMode
from newsdesk.bylines.models import Author
from newsdesk.imports import body, comments, media
from newsdesk.imports.models import ImportedItem
from newsdesk.imports.records import wordpress_archive
from newsdesk.imports.reports import Report
from newsdesk.imports.wordpress_comments import import_wordpress_comments
from newsdesk.imports.wxr import (
    Channel,
    ExportItem,
    UnreadableExport,
    post_type,
    read_export,
    read_item,
)
from newsdesk.photos.models import Photo
from newsdesk.search_index import indexed_once
from newsdesk.sections.models import SectionPage
from newsdesk.wire.parsers.text import plain_text
from newsdesk.wire.pictures import checked_image

WORDPRESS = ImportedItem.Source.WORDPRESS
#: Post statuses that make stories; the others are left out with a line in the report.
IMPORTED_STATUSES = {"publish", "future", "draft", "pending"}
LEFT_OUT = {
    "private": "a private post (readers of the old site could not see it)",
    "trash": "in the trash",
    "auto-draft": "an automatic draft WordPress never showed",
    "inherit": "a revision of another post",
}
#: What a dry run's photos are known by: it stores none.
DRY_RUN_PHOTO = 0


class MalformedItem(ValueError):
    """An item the export does not give enough of (no id, no date); the message says what."""


@dataclass
class Options:
    """What the operator chose: where stories go, where the files are, whether to store."""

    edition: str
    #: Category slug -> section slug.
    sections: dict[str, str] = field(default_factory=dict)
    #: "tags": categories no section takes become tags; "section": they are dropped.
    other_categories: str = "tags"
    default_section: str = ""
    fetch: media.Fetch | None = None
    dry_run: bool = False


def parse_section_map(pairs: list[str]) -> dict[str, str]:
    """`["politics=news", ...]` as {"politics": "news"}; ValueError for a pair without "="."""
    mapping = {}
    for pair in pairs:
        category, sep, section = pair.partition("=")
        if not sep or not category.strip() or not section.strip():
            raise ValueError(f"{pair!r}: write CATEGORY=SECTION, e.g. politics=news.")
        mapping[category.strip()] = section.strip()
    return mapping


class WordPressImport:
    """One run of one export file: the channel, the operator's options and the report."""

    def __init__(self, path: Path, options: Options, report: Report | None = None):
        self.path = path
        self.options = options
        self.report = report or Report(dry_run=options.dry_run)
        self.channel: Channel | None = None
        self.archive = ""
        self.locale = Locale.objects.filter(language_code=options.edition).first()
        if self.locale is None:
            raise ValueError(f"The {options.edition} edition has no locale yet (no page in it).")
        self.sections = self._sections()
        self._authors: dict[str, Author | None] = {}
        #: Photo ids by attachment id and by full-size address; None for one not here.
        self._photos: dict[str, int | None] = {}
        self._photos_by_address: dict[str, int | None] = {}

    # Reading

    def items(self) -> Iterator[tuple[str, Element]]:
        """The file's items; raises UnreadableExport for a file that is not an export."""
        channel, items = read_export(self.path)
        self.channel = channel
        self.archive = wordpress_archive(channel.blog_url)
        if not self.archive:
            raise UnreadableExport(
                f"{self.path.name} names no site (wp:base_blog_url, wp:base_site_url)."
            )
        return items

    def run(self, progress: Callable[[Iterator], Iterator] = iter) -> Report:
        """Import the whole file: attachments, then posts, then comments. A dry run does it all
        in one transaction rolled back at the end; a real run keeps each item as it is stored."""
        with comments.rolled_back() if self.options.dry_run else nullcontext():
            self._run(progress)
        return self.report

    def _run(self, progress: Callable[[Iterator], Iterator]) -> None:
        # Each item's type is read first, and the item itself only by the pass that imports it.
        for namespace, element in progress(self.items()):
            if post_type(element, namespace) == "attachment":
                self._one(read_item(element, namespace), "photo", self.import_attachment)
        for namespace, element in progress(self.items()):
            kind = post_type(element, namespace)
            if kind == "post":
                self._one(read_item(element, namespace), "post", self.import_post)
            elif kind != "attachment":
                self.report.count(kind or "item", "not imported")
        # The comments of the same file, after its posts, so each finds its story. In a dry run
        # run()'s transaction holds the posts until it rolls everything back.
        import_wordpress_comments(self.path, report=self.report, dry_run=self.options.dry_run)

    def _one(self, item: ExportItem, kind: str, step: Callable[[ExportItem], None]) -> None:
        """One item in its own savepoint: whatever goes wrong, only this item is left out."""
        try:
            with transaction.atomic():
                step(item)
        except Exception as error:  # one item's failure is reported and the file goes on
            self.report.skip(kind, self._name(item), f"{type(error).__name__}: {error}")

    @staticmethod
    def _name(item: ExportItem) -> str:
        title = " ".join(html.unescape(item.title).split())[:60]
        return f"{item.post_id or '(no id)'} {title!r}"

    # Attachments

    def import_attachment(self, item: ExportItem) -> None:
        if not item.post_id:
            raise MalformedItem("no wp:post_id")
        address = item.attachment_url or item.guid
        record = self._record(ImportedItem.Kind.ATTACHMENT, item.post_id)
        fingerprint = item.fingerprint()
        if record.pk and record.photo_id and record.fingerprint == fingerprint:
            self._photos[item.post_id] = record.photo_id
            self.report.count("photo", "unchanged")
            return
        upload = media.upload_path(address, item.meta.get("_wp_attached_file", ""))
        stream = None
        if not record.photo_id:  # a photo already here keeps its file; only its words change
            if self.options.fetch is None:
                self.report.skip("photo", self._name(item), "missing: no --media or --media-base")
                return
            try:
                stream = checked_image(upload, self.options.fetch)
            except media.PictureUnavailable as error:
                self.report.skip("photo", self._name(item), f"missing: {error}")
                return
        title = plain_text(item.title) or posixpath.basename(upload)
        caption = plain_text(item.excerpt)
        alt_text = item.meta.get("_wp_attachment_image_alt", "").strip()
        photo = record.photo if record.photo_id else Photo()
        photo.title = title[:255]
        photo.alt_text = (alt_text or caption or title)[:255]
        photo.caption = caption
        photo.credit = item.meta.get("credit", "")[:255]
        outcome = "updated" if record.photo_id else "added"
        if self.options.dry_run:
            # No file written; the posts' images count as found (id 0 stands for the photo:
            # the body's photo block reads as empty, and the run is rolled back anyway).
            self._photos[item.post_id] = record.photo_id or DRY_RUN_PHOTO
            self.report.count("photo", outcome)
            return
        if stream is not None:
            photo.file = ImageFile(stream, name=posixpath.basename(upload) or "photo.jpg")
        photo.save()
        record.photo = photo
        record.original_url = media.full_size(address)[:2000]
        self._save_record(record, fingerprint)
        self._photos[item.post_id] = photo.pk
        self.report.count("photo", outcome)

    def photo_for(self, attachment_id: str, address: str) -> int | None:
        """The photo an image in a post shows: by its attachment id, or by its address.

        Both are remembered for the run, found or not, so an image shown in many posts costs
        one look-up."""
        if attachment_id:
            if attachment_id not in self._photos:
                record = self._record(ImportedItem.Kind.ATTACHMENT, attachment_id)
                self._photos[attachment_id] = record.photo_id
            if self._photos[attachment_id] is not None:
                return self._photos[attachment_id]
        if not address:
            return None
        original_url = media.full_size(address)[:2000]
        if original_url not in self._photos_by_address:
            self._photos_by_address[original_url] = (
                ImportedItem.objects.filter(
                    source=WORDPRESS,
                    archive=self.archive,
                    kind=ImportedItem.Kind.ATTACHMENT,
                    original_url=original_url,
                    photo__isnull=False,
                )
                .values_list("photo_id", flat=True)
                .first()
            )
        return self._photos_by_address[original_url]

    # Posts

    def import_post(self, item: ExportItem) -> None:
        if item.status in LEFT_OUT or item.status not in IMPORTED_STATUSES:
            reason = LEFT_OUT.get(item.status, f"status {item.status or '(none)'!r}")
            self.report.skip("post", self._name(item), reason)
            return
        if not item.post_id:
            raise MalformedItem("no wp:post_id")
        when = item.published_at()
        if when is None and item.status in ("publish", "future"):
            raise MalformedItem(f"no readable date ({item.post_date_gmt or item.post_date!r})")
        section, tags = self._section_and_tags(item)
        lead_photo = self.photo_for(item.meta.get("_thumbnail_id", ""), "") or None
        fingerprint = item.fingerprint(section.pk, tags, lead_photo, self.options.edition)
        record = self._record(ImportedItem.Kind.POST, item.post_id)
        existed = record.pk is not None
        story = record.story if existed else None
        if record.pk and story is None:
            self.report.skip("post", self._name(item), "its story was deleted here; not remade")
            return
        if story is not None and record.fingerprint == fingerprint:
            self.report.count("post", "unchanged")
            return
        if story is not None and _edited_here(story, record):
            self.report.skip("post", self._name(item), "edited here since imported; kept ours")
            return
        converted = body.convert(item.content, self.photo_for)
        missing = sorted(set(converted.missing_images))
        if missing:
            self.report.count("image in a post", "missing", len(converted.missing_images))
            self.report.notes.append(
                f"post {self._name(item)}: {len(missing)} image(s) not in the photo library, "
                f"e.g. {missing[0]}"
            )
        story = self._save_story(item, story, section, tags, when, lead_photo, converted)
        record.story = story
        record.original_url = item.link[:2000]
        self._save_record(record, fingerprint)
        self.report.count("post", "updated" if existed else "added")
        if story.live:
            self._redirects(item, story)

    def _save_story(self, item, story, section, tags, when, lead_photo, converted) -> Article:
        new = story is None
        story = story or Article(section=section, locale=self.locale)
        story.headline = plain_text(item.title)[:255] or "(no headline)"
        story.standfirst = plain_text(item.excerpt)
        story.section = section
        story.body = converted.blocks
        story.lead_photo_id = lead_photo
        story.feed_guid = item.guid[:500]
        story.discussion_mode = (
            DiscussionMode.CLOSED if item.comment_status == "closed" else story.discussion_mode
        )
        if new:
            story.slug = self._free_slug(item.post_name)
            story.live = False
        story.tags.set([t[:100] for t in tags])
        author = self._author(item.creator)
        story.byline_entries = [BylineEntry(sort_order=0, author=author)] if author else []
        if item.status == "publish":
            story.first_published_at = story.first_published_at or when
            story.go_live_at = None
        elif item.status == "future":
            story.go_live_at = when
        if not new and story.first_published_at and item.status == "publish":
            story.updated_at = timezone.now()
        with indexed_once(Article):
            story.save()
            revision = story.save_revision(log_action=True)
            if item.status in ("publish", "future"):
                revision.publish()
                story.refresh_from_db()
            elif story.live:
                story.unpublish(log_action=True)
        return story

    def _free_slug(self, post_name: str) -> str:
        """The post's old slug when no story of the edition has it; else one from the headline."""
        slug = slugify(unquote(post_name), allow_unicode=True)[:255]
        if slug and not Article.objects.filter(locale=self.locale, slug=slug).exists():
            return slug
        return ""

    def _redirects(self, item: ExportItem, story: Article) -> None:
        """The post's old addresses (its permalink and `/?p=ID`) answer a 301 to the story.

        One query finds those already here and one inserts the others; running again adds none.
        """
        target = story.get_absolute_url()
        # A blog of a network lives under the network's address ("/valley/?p=11").
        blog_path = urlsplit(self.channel.blog_url).path.rstrip("/") if self.channel else ""
        old = {f"{blog_path}/?p={item.post_id}"}
        path = urlsplit(item.link).path if item.link else ""
        if path and path != "/":
            old.add(path)
        wanted = []
        for address in sorted(old):
            normalised = Redirect.normalise_path(address)
            if len(normalised) > 255:
                self.report.skip("redirect", address[:80], "old address over 255 characters")
            else:
                wanted.append(normalised)
        if not wanted:
            return
        here = {r.old_path: r for r in Redirect.objects.filter(old_path__in=wanted, site=None)}
        new = [
            Redirect(old_path=old_path, site=None, redirect_link=target, is_permanent=True)
            for old_path in dict.fromkeys(wanted)
            if old_path not in here
        ]
        if new:
            Redirect.objects.bulk_create(new)
            self.report.count("redirect", "added", len(new))
        for redirect in here.values():
            if redirect.redirect_link != target or redirect.redirect_page_id:
                redirect.redirect_link, redirect.redirect_page = target, None
                redirect.is_permanent = True
                redirect.save()
                self.report.count("redirect", "updated")

    def _section_and_tags(self, item: ExportItem) -> tuple[SectionPage, list[str]]:
        section = None
        tags: list[str] = []
        for domain, nicename, name in item.terms:
            if domain == "post_tag" and name:
                tags.append(html.unescape(name))
            elif domain == "category":
                mapped = self.options.sections.get(nicename)
                if mapped and section is None:
                    section = self.sections[mapped]
                elif (
                    not mapped
                    and self.options.other_categories == "tags"
                    and name
                    and nicename != "uncategorized"
                ):
                    tags.append(html.unescape(name))
        return section or self.sections[""], sorted(set(tags))

    def _sections(self) -> dict[str, SectionPage]:
        """The edition's sections the options name; "" is the default section."""
        edition = SectionPage.objects.filter(locale=self.locale).order_by("path")
        found = {}
        for slug in {*self.options.sections.values(), self.options.default_section}:
            section = edition.filter(slug=slug).first() if slug else edition.first()
            if section is None:
                raise ValueError(
                    f"No section {slug!r} in the {self.options.edition} edition."
                    if slug
                    else f"The {self.options.edition} edition has no section to file stories in."
                )
            found[slug] = section
        found[""] = found[self.options.default_section]
        return found

    def _author(self, login: str) -> Author | None:
        """The staff author a post's `dc:creator` is: remembered, matched by name, or made."""
        if not login:
            return None
        if login in self._authors:
            return self._authors[login]
        record = self._record(ImportedItem.Kind.AUTHOR, login)
        author = record.author if record.pk else None
        if author is None:
            known = self.channel.authors.get(login) if self.channel else None
            name = (known.display_name if known else "") or login
            author = Author.objects.filter(locale=self.locale, name__iexact=name).first()
            outcome = "matched"
            if author is None:
                author = Author.objects.create(
                    locale=self.locale,
                    name=name[:255],
                    slug=self._author_slug(name),
                    bio=known.description if known else "",
                )
                outcome = "added"
            record.author = author
            self._save_record(record, "")
            self.report.count("author", outcome)
        self._authors[login] = author
        return author

    def _author_slug(self, name: str) -> str:
        base = slugify(name, allow_unicode=True)[:240] or "author"
        taken = set(
            Author.objects.filter(locale=self.locale, slug__startswith=base).values_list(
                "slug", flat=True
            )
        )
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug

    # Records

    def _record(self, kind: str, external_id: str) -> ImportedItem:
        found = (
            ImportedItem.objects.filter(
                source=WORDPRESS, archive=self.archive, kind=kind, external_id=external_id
            )
            .select_related("story__latest_revision", "photo", "author")
            .first()
        )
        return found or ImportedItem(
            source=WORDPRESS, archive=self.archive, kind=kind, external_id=external_id[:255]
        )

    def _save_record(self, record: ImportedItem, fingerprint: str) -> None:
        now = timezone.now()
        if not record.pk:
            record.imported_at = now
        record.updated_at = now
        record.fingerprint = fingerprint
        record.save()


def _edited_here(story: Article, record: ImportedItem) -> bool:
    """Whether someone saved the story here after the import last did."""
    latest = story.latest_revision
    return latest is not None and latest.created_at > record.updated_at
