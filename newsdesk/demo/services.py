"""Loading the demo newsroom into an empty site, and the demo's admin login.

Stories are created and published through Wagtail's own actions, so their revisions, history and
signals are those of stories an editor wrote in the admin; only the publication times are moved
back afterwards, so the demo reads like ten days of news.
"""

import html
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.actions.create import CreateAction
from wagtail.models import Locale, Page, Site
from wagtail.utils.file import hash_filelike

from newsdesk.articles.models import Article, BylineEntry, Correction
from newsdesk.bylines.models import Agency, Author
from newsdesk.demo import content, live_content, pictures, translations
from newsdesk.editions.services import mark_translation_current
from newsdesk.moderation.roles import MODERATORS_GROUP
from newsdesk.photos.models import Photo
from newsdesk.sections.models import HomePage, SectionPage
from newsdesk.sections.roles import CONTRIBUTORS_GROUP, EDITORS_GROUP

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@example.com"
PASSWORD_FILE_NAME = "demo-admin-password.txt"  # noqa: S105 - a file name, not a password
FRONT_PAGE_SLUG = "home"
#: One person per newsroom role (docs/operations.md, "Roles"), with the admin's password.
DEMO_STAFF = (
    ("contributor", "contributor@example.com", CONTRIBUTORS_GROUP),
    ("editor", "editor@example.com", EDITORS_GROUP),
    ("moderator", "moderator@example.com", MODERATORS_GROUP),
)

# Where each photo appears, as named in newsdesk.photos.renditions.SPECS.
LEAD_PLACES = ("story", "teaser", "structured_data")
INLINE_PLACES = ("story",)
PORTRAIT_PLACES = ("portrait",)


@dataclass(frozen=True)
class AdminLogin:
    username: str
    #: None when someone has changed the password since the demo set it.
    password: str | None


def load_demo(stdout: TextIO, *, renditions: bool = True) -> bool:
    """Fill an empty site with the demo newsroom; change nothing and return False if any story
    exists.

    Everything is written in one transaction. The photos' renditions are made afterwards, outside
    it, so a slow disk does not hold the database's write lock; pages make any that are missing.
    """
    loader = _DemoLoader(now=timezone.now())
    try:
        with transaction.atomic():
            if Article.objects.exists():
                stdout.write("Stories already exist, so the demo content was not loaded.\n")
                return False
            loader.load()
    except BaseException:
        # The database forgets the photos on rollback, but their files are already stored.
        loader.delete_stored_files()
        raise
    made = make_renditions(loader.photo_places) if renditions else 0
    stdout.write(f"{loader.summary()}, {made} renditions.\n")
    return True


def make_renditions(photo_places: Iterable[tuple[Photo, tuple[str, ...]]]) -> int:
    """Make ahead the renditions each photo is shown in, per place; return how many there are."""
    try:
        from newsdesk.photos.renditions import filter_specs
    except ImportError:
        # Without the specs the templates use, pages make renditions on first view.
        return 0
    made = 0
    for photo, places in photo_places:
        specs = [spec for place in places for spec in filter_specs(place)]
        made += len(photo.get_renditions(*specs))
    return made


def password_file() -> Path:
    return Path(settings.DATA_DIR) / PASSWORD_FILE_NAME


def ensure_demo_admin() -> tuple[AbstractBaseUser, AdminLogin]:
    """Make sure the demo's superuser exists and its password is on file; return both.

    A missing user is created, and a user whose password file is gone gets a new password, both
    random and written to `password_file()`, readable by its owner only.
    """
    user_model = get_user_model()
    path = password_file()
    stored = path.read_text().strip() if path.exists() else ""
    user = user_model.objects.filter(username=ADMIN_USERNAME).first()
    if user is None:
        password = secrets.token_urlsafe(12)
        user = user_model.objects.create_superuser(ADMIN_USERNAME, ADMIN_EMAIL, password)
        _write_password(path, password)
    elif not stored:
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        _write_password(path, password)
    elif user.check_password(stored):
        password = stored
    else:
        # Someone chose their own password in the admin: keep it, and do not print a stale one.
        password = None
    return user, AdminLogin(ADMIN_USERNAME, password)


def admin_login_line(login: AdminLogin) -> str:
    """The line telling a demo user where the admin is and how to log in."""
    url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
    password = login.password or "(changed since the demo set it)"
    return f"Admin: {url}  user: {login.username}  password: {password}"


def print_admin_login(stdout: TextIO) -> None:
    """Make sure the demo admin exists and print how to log in."""
    _, login = ensure_demo_admin()
    stdout.write(admin_login_line(login) + "\n")
    staff = staff_login_line(login)
    if staff is not None:
        stdout.write(staff + "\n")


def ensure_demo_staff(password: str | None) -> list[str]:
    """Make sure a contributor, an editor and a comment moderator exist, each in their role's
    group; new ones get `password` (the admin's), or none they could log in with. Return their
    usernames."""
    user_model = get_user_model()
    for username, email, group_name in DEMO_STAFF:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(username, email, password)
        user.groups.add(Group.objects.get(name=group_name))
    return [username for username, _, _ in DEMO_STAFF]


def staff_login_line(login: AdminLogin) -> str | None:
    """The line naming the demo's newsroom users, when they share the admin's password."""
    user_model = get_user_model()
    usernames = [username for username, _, _ in DEMO_STAFF]
    users = user_model.objects.filter(username__in=usernames)
    if login.password is None or not all(u.check_password(login.password) for u in users):
        return None
    if len(users) != len(usernames):
        return None
    return f"Newsroom roles: {', '.join(usernames)}  password: the admin's"


def _write_password(path: Path, password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(password + "\n")
    # O_CREAT's mode applies only to a new file; an old one may have been readable by others.
    path.chmod(0o600)


@dataclass
class _DemoLoader:
    """Writes the demo newsroom, remembering what it made for renditions and the summary."""

    now: datetime
    admin: AbstractBaseUser | None = None
    sections: dict[str, SectionPage] = field(default_factory=dict)
    credits: dict[str, dict[str, Author | Agency]] = field(default_factory=dict)
    photo_places: list[tuple[Photo, tuple[str, ...]]] = field(default_factory=list)
    stories: dict[content.Status, int] = field(default_factory=dict)
    stored_files: list[tuple[Storage, str]] = field(default_factory=list)
    translated: int = 0
    live_entries: int = 0

    def load(self) -> None:
        self.admin, login = ensure_demo_admin()
        home = self._front_page()
        self._sections(home)
        self._bylines()
        articles = [self._story(story) for story in content.STORIES]
        self._editions(home, {article.headline: article for article in articles})
        ensure_demo_staff(login.password)
        self._live_coverage()

    def summary(self) -> str:
        published = self.stories.get(content.Status.PUBLISHED, 0)
        drafts = self.stories.get(content.Status.DRAFT, 0)
        scheduled = self.stories.get(content.Status.SCHEDULED, 0)
        return (
            f"Loaded the demo: {len(self.sections)} sections, {len(content.AUTHORS)} authors, "
            f"{len(content.AGENCIES)} agencies, {len(self.photo_places)} photos, "
            f"{published} published stories, {drafts} draft, {scheduled} scheduled, "
            f"{self.translated} translations, {self.live_entries} live coverage entries"
        )

    def delete_stored_files(self) -> None:
        for storage, name in self.stored_files:
            storage.delete(name)

    # The page tree: the front page at the root of the default site, then the sections.

    def _front_page(self) -> HomePage:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        home = HomePage.objects.first()
        created = home is None
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's welcome page holds the "home" slug until it is deleted below.
            slug_taken = root.get_children().filter(slug=FRONT_PAGE_SLUG).exists()
            home = HomePage(
                title=content.SITE_NAME,
                slug=f"{FRONT_PAGE_SLUG}-new" if slug_taken else FRONT_PAGE_SLUG,
                live=False,
                owner=self.admin,
            )
            root.add_child(instance=home)
        if site is None:
            Site.objects.create(
                hostname="localhost",
                root_page=home,
                is_default_site=True,
                site_name=content.SITE_NAME,
            )
        else:
            replaced = site.root_page
            site.root_page = home
            site.site_name = content.SITE_NAME
            site.save()
            _delete_welcome_page(replaced, self.admin)
        if created:
            if (
                home.slug != FRONT_PAGE_SLUG
                and not home.get_siblings(inclusive=False).filter(slug=FRONT_PAGE_SLUG).exists()
            ):
                home.slug = FRONT_PAGE_SLUG
                home.save()
            self._publish_page(home)
        return home

    def _sections(self, home: HomePage) -> None:
        for data in content.SECTIONS:
            section = SectionPage.objects.child_of(home).filter(slug=data.slug).first()
            if section is None:
                section = SectionPage(
                    title=data.title,
                    slug=data.slug,
                    description=data.description,
                    live=False,
                    owner=self.admin,
                )
                home.add_child(instance=section)
                self._publish_page(section)
            self.sections[data.slug] = section

    def _publish_page(self, page: Page) -> None:
        revision = page.save_revision(user=self.admin, log_action=True)
        revision.publish(user=self.admin)
        page.refresh_from_db()

    # Who stories are credited to.

    def _bylines(self) -> None:
        for data in content.AUTHORS:
            author = Author.objects.filter(slug=data.slug).first()
            if author is None:
                photo = self._photo(
                    content.PhotoDescription(
                        label=data.name,
                        alt_text=f"Portrait of {data.name}",
                        caption=f"{data.name}, {data.job_title.lower()}.",
                        credit=content.SITE_NAME,
                    ),
                    pictures.portrait_picture(data.name, f"portrait-{data.slug}.jpg"),
                    PORTRAIT_PLACES,
                )
                author = Author.objects.create(
                    name=data.name,
                    slug=data.slug,
                    job_title=data.job_title,
                    bio=data.bio,
                    photo=photo,
                )
            self.credits.setdefault(data.slug, {})["author"] = author
        for data in content.AGENCIES:
            agency, _ = Agency.objects.get_or_create(
                short_name=data.short_name, defaults={"name": data.name, "url": data.url}
            )
            self.credits.setdefault(data.short_name, {})["agency"] = agency

    def _byline_entry(self, name: str, order: int) -> BylineEntry:
        found = self.credits.get(name, {})
        if len(found) != 1:
            raise ValueError(f"Byline name {name!r} must name exactly one author or agency.")
        return BylineEntry(sort_order=order, **found)

    # Photos and stories.

    def _photo(
        self, data: content.PhotoDescription, picture: ImageFile, places: tuple[str, ...]
    ) -> Photo:
        photo = Photo(
            title=data.label,
            file=picture,
            alt_text=data.alt_text,
            caption=data.caption,
            credit=data.credit,
            uploaded_by_user=self.admin,
            file_size=picture.size,
            # Wagtail finds duplicate uploads by this hash, and would otherwise compute it later.
            file_hash=hash_filelike(picture),
        )
        photo.save()
        self.stored_files.append((photo.file.storage, photo.file.name))
        self.photo_places.append((photo, places))
        return photo

    def _story_photo(
        self, data: content.PhotoDescription, colour: content.RGB, places: tuple[str, ...]
    ) -> Photo:
        filename = f"{slugify(data.label) or 'photo'}.jpg"
        return self._photo(data, pictures.story_picture(data.label, colour, filename), places)

    def _body(self, story: content.Story, colour: content.RGB) -> list[tuple[str, object]]:
        body: list[tuple[str, object]] = []
        for block in story.body:
            match block:
                case content.Paragraph(text):
                    body.append(("paragraph", f"<p>{html.escape(text, quote=False)}</p>"))
                case content.Subheading(text):
                    body.append(("subheading", text))
                case content.Quote(text, attribution):
                    body.append(("quote", {"quote": text, "attribution": attribution}))
                case content.Figure(photo, caption):
                    body.append(
                        (
                            "photo",
                            {
                                "photo": self._story_photo(photo, colour, INLINE_PLACES),
                                "caption": caption,
                            },
                        )
                    )
        return body

    def _story(self, story: content.Story) -> Article:
        section = self.sections[story.section]
        colour = next(data.colour for data in content.SECTIONS if data.slug == story.section)
        article = Article(
            headline=story.headline,
            kicker=story.kicker,
            standfirst=story.standfirst,
            section=section,
            dateline=story.dateline,
            lead_photo=self._story_photo(story.lead_photo, colour, LEAD_PLACES),
            body=self._body(story, colour),
        )
        for order, name in enumerate(story.byline):
            article.byline_entries.add(self._byline_entry(name, order))
        if story.notice is not None:
            noted_at = self.now - timedelta(hours=story.notice.hours_ago)
            article.corrections.add(
                Correction(kind=story.notice.kind, text=story.notice.text, noted_at=noted_at)
            )
            # Set before the revision is saved, so the revision and the live story agree.
            article.updated_at = noted_at
        article.tags.add(*story.tags)
        intended = self.now - timedelta(hours=story.hours_ago)
        if story.status is content.Status.SCHEDULED:
            # Publishing a revision with a future go-live time schedules it, as in the admin.
            article.go_live_at = intended
        # The admin's own create action: a revision, a "created" entry in the story's history,
        # then publication (or scheduling) as a separate "published" entry.
        article = CreateAction(
            article, user=self.admin, publish=story.status is not content.Status.DRAFT
        ).execute(skip_permission_checks=True)
        if story.status is content.Status.PUBLISHED:
            Article.objects.filter(pk=article.pk).update(
                first_published_at=intended,
                last_published_at=article.updated_at or intended,
            )
        self.stories[story.status] = self.stories.get(story.status, 0) + 1
        return article

    # The Russian and Arabic editions (demo/translations.py).

    def _editions(self, home: HomePage, stories: dict[str, Article]) -> None:
        for edition in translations.EDITIONS:
            if edition.language not in settings.NEWSDESK_EDITIONS:
                continue
            locale, _ = Locale.objects.get_or_create(language_code=edition.language)
            front = home.get_translation_or_none(locale)
            if front is None:
                front = CopyPageForTranslationAction(home, locale, user=self.admin).execute(
                    skip_permission_checks=True
                )
                front.title = edition.site_title
                self._publish_page(front)
            for slug, (title, translated_slug, description) in edition.sections.items():
                source = self.sections.get(slug)
                if source is None or source.get_translation_or_none(locale) is not None:
                    continue
                section = CopyPageForTranslationAction(source, locale, user=self.admin).execute(
                    skip_permission_checks=True
                )
                section.title, section.slug, section.description = (
                    title,
                    translated_slug,
                    description,
                )
                self._publish_page(section)
            for slug, (name, translated_slug, job_title, bio) in edition.authors.items():
                author = self.credits.get(slug, {}).get("author")
                if author is None or author.get_translation_or_none(locale) is not None:
                    continue
                translated = author.copy_for_translation(locale)
                translated.name, translated.slug = name, translated_slug
                translated.job_title, translated.bio = job_title, bio
                translated.save()
        for text in translations.STORIES:
            source = stories.get(text.source_headline)
            if source is not None and text.language in settings.NEWSDESK_EDITIONS:
                self._translate_story(source, text)
        headline, language = translations.OUTDATED
        source = stories.get(headline)
        if source is not None and language in settings.NEWSDESK_EDITIONS:
            # The source is revised after its Arabic translation was made.
            source = Article.objects.get(pk=source.pk)
            source.standfirst = translations.OUTDATED_SOURCE_STANDFIRST
            source.save_revision(user=self.admin, log_action=True).publish(user=self.admin)
            # The Russian version already gave the new figure: only the Arabic one is behind.
            for version in source.get_translations().exclude(locale__language_code=language):
                mark_translation_current(version, self.admin)

    def _translate_story(self, source: Article, text: translations.StoryText) -> Article:
        locale = Locale.objects.get(language_code=text.language)
        source = Article.objects.get(pk=source.pk)  # its publication time was moved back
        # As the admin's Translate action does: a draft copy in the edition (editions.services).
        article = source.copy_for_translation(locale)
        article.headline, article.kicker = text.headline, text.kicker
        article.dateline, article.standfirst = text.dateline, text.standfirst
        article.slug = ""
        paragraphs, captions = iter(text.paragraphs), iter(text.captions)
        body = []
        for block in source.body:
            if block.block_type == "paragraph":
                paragraph = next(paragraphs, None)
                if paragraph is not None:
                    body.append(("paragraph", f"<p>{html.escape(paragraph, quote=False)}</p>"))
            elif block.block_type == "photo":
                caption = next(captions, "")
                body.append(("photo", {"photo": block.value["photo"], "caption": caption}))
        article.body = body
        article.corrections.clear()
        article.save()
        article.tags.set(source.tags.all())
        revision = article.save_revision(user=self.admin, log_action=True)
        revision.publish(user=self.admin)
        Article.objects.filter(pk=article.pk).update(
            first_published_at=source.first_published_at + timedelta(hours=2),
            last_published_at=source.first_published_at + timedelta(hours=2),
        )
        self.translated += 1
        return article

    # Live coverage: a story followed through a day, entry by entry, through live's services.

    def _live_coverage(self) -> None:
        from newsdesk.live import services as live
        from newsdesk.live.entry_text import parse_entry_text
        from newsdesk.live.models import LiveEntry

        article = self._story(live_content.STORY)
        coverage = live.start_coverage(article, self.admin)
        LiveCoverage = type(coverage)
        LiveCoverage.objects.filter(pk=coverage.pk).update(
            coverage_start=self.now - timedelta(hours=live_content.STORY.hours_ago)
        )
        for data in live_content.ENTRIES:
            entry = live.write_entry(
                coverage, self.admin, post=True, **self._live_fields(data, parse_entry_text)
            )
            posted_at = self.now - timedelta(hours=data.hours_ago)
            LiveEntry.objects.filter(pk=entry.pk).update(posted_at=posted_at, created_at=posted_at)
            entry.refresh_from_db()
            if data.correction:
                hours_ago, text, note = data.correction
                fields = self._live_fields(data, parse_entry_text)
                fields["body"] = parse_entry_text(text)
                live.edit_entry(
                    entry, self.admin, version=entry.version, correction_note=note, **fields
                )
                LiveEntry.objects.filter(pk=entry.pk).update(
                    corrected_at=self.now - timedelta(hours=hours_ago)
                )
            if data.withdrawn:
                hours_ago, note = data.withdrawn
                live.withdraw_entry(entry, self.admin, version=entry.version, note=note)
                LiveEntry.objects.filter(pk=entry.pk).update(
                    withdrawn_at=self.now - timedelta(hours=hours_ago)
                )
            self.live_entries += 1
        contributor = get_user_model().objects.filter(username="contributor").first()
        live.write_entry(
            coverage,
            contributor or self.admin,
            **self._live_fields(live_content.DRAFT, parse_entry_text),
        )
        live.write_entry(
            coverage,
            self.admin,
            scheduled_for=self.now + timedelta(hours=live_content.SCHEDULED_IN_HOURS),
            **self._live_fields(live_content.SCHEDULED, parse_entry_text),
        )

    def _live_fields(self, data: live_content.Entry, parse) -> dict:
        authors = [self.credits[n]["author"] for n in data.byline if "author" in self.credits[n]]
        agencies = [self.credits[n]["agency"] for n in data.byline if "agency" in self.credits[n]]
        return {
            "body": parse(data.text),
            "headline": data.headline,
            "authors": authors,
            "agency": agencies[0] if agencies else None,
            "key_event": data.key_event,
            "pinned": data.pinned,
        }


def _delete_welcome_page(page: Page, user: AbstractBaseUser | None) -> None:
    """Delete Wagtail's "Welcome to your new Wagtail site!" page once no site shows it.

    Only a plain, childless page directly under the tree root is deleted: anything else is
    somebody's content.
    """
    is_plain_page = page.content_type_id == ContentType.objects.get_for_model(Page).pk
    if (
        is_plain_page
        and page.depth == 2
        and not page.get_children().exists()
        and not Site.objects.filter(root_page=page).exists()
    ):
        page.delete(user=user)
