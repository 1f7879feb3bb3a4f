import io
import stat
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page, Site, WorkflowContentType

from newsdesk.articles.models import Article, Correction
from newsdesk.bylines.models import Agency, Author
from newsdesk.demo import content, services
from newsdesk.photos.models import Photo, PhotoRendition
from newsdesk.photos.renditions import filter_specs
from newsdesk.sections.models import HomePage, SectionPage
from tests.common.db.articles import make_story
from tests.common.db.photos import PhotoFactory

# Loading the newsroom draws 26 pictures and stores 19 stories through Wagtail's revisions,
# and posts a day of live coverage entries.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = str(tmp_path / "media")
    yield tmp_path
    # The front page, navigation and renditions are cached; the rolled-back data must not leak.
    for cache in caches.all():
        cache.clear()


def byline_of(story: Article) -> list[str]:
    return [
        entry.author.slug if entry.author_id else entry.agency.short_name
        for entry in story.byline_entries.order_by("sort_order")
    ]


def published() -> list[Article]:
    """The English edition's published stories."""
    return list(
        Article.objects.published()
        .filter(locale__language_code="en")
        .prefetch_related("byline_entries", "tags")
    )


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo newsroom, loaded once for a class of tests and rolled back after it."""
    data_dir = tmp_path_factory.mktemp("demo")
    out = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(DATA_DIR=data_dir, MEDIA_ROOT=str(data_dir / "media")),
        transaction.atomic(),
    ):
        assert services.load_demo(out, renditions=False) is True
        yield out.getvalue()
        transaction.set_rollback(True)


class TestLoadedDemo:
    """What the demo loads in its three editions, checked on one shared load."""

    def test_loads_sections_authors_and_agencies(self, demo):
        """The newsroom has its sections, three staff authors with portraits, and two agencies."""
        home = HomePage.objects.get(locale__language_code="en")
        sections = SectionPage.objects.child_of(home).live().order_by("path")
        assert len(sections) >= 4
        assert [section.title for section in sections] == [s.title for s in content.SECTIONS]
        assert all(section.description for section in sections)
        authors = Author.objects.filter(locale__language_code="en").select_related("photo")
        assert len(authors) == 3
        assert all(author.photo and author.photo.alt_text and author.bio for author in authors)
        afp = Agency.objects.get(short_name="AFP")
        assert (afp.name, afp.url) == ("Agence France-Presse", "https://www.afp.com")
        assert Agency.objects.filter(short_name="Reuters", url="https://www.reuters.com").exists()
        assert demo.startswith("Loaded the demo: 4 sections, 3 authors, 2 agencies")

    def test_publishes_seventeen_described_and_credited_stories(self, demo):
        """17 stories are live (one covered live), each with dateline, body, tags and a fully
        described lead photo."""
        stories = published()
        assert len(stories) == 17
        for story in stories:
            photo = story.lead_photo
            assert photo.alt_text and photo.caption and photo.credit, story.headline
            assert story.dateline == story.dateline.upper()
            assert story.byline_entries.all(), story.headline
            paragraphs = [block for block in story.body if block.block_type == "paragraph"]
            assert 4 <= len(paragraphs) <= 8, story.headline
            assert 2 <= len(story.tags.all()) <= 3, story.headline
            # The lead story was revised once after it was translated (demo/translations.py).
            assert story.live_revision_id and story.revisions.count() in (1, 2)

    def test_every_story_shares_a_tag_with_another(self, demo):
        """Related stories have something to show: no story's tags are all its own."""
        stories = published()
        uses = Counter(tag.name for story in stories for tag in story.tags.all())
        for story in stories:
            assert any(uses[tag.name] > 1 for tag in story.tags.all()), story.headline

    def test_publication_times_spread_over_ten_days(self, demo):
        """Stories were first published at their intended times, over the last ten days or so."""
        now = timezone.now()
        ages = sorted(
            (now - story.first_published_at).total_seconds() / 3600 for story in published()
        )
        assert ages[0] > 0
        assert ages[-1] < 24 * 10.5
        assert ages[-1] - ages[0] > 24 * 7

    def test_bylines_mix_staff_and_agencies(self, demo):
        """Bylines: two authors and AFP once, one author and AFP often, an agency alone once."""
        bylines = [byline_of(story) for story in published()]
        authors = {author.slug for author in content.AUTHORS}
        assert ["mariam-gelashvili", "nadia-rahimova", "AFP"] in bylines
        assert sum(1 for b in bylines if len(b) == 2 and b[0] in authors and b[1] == "AFP") >= 3
        assert sum(1 for b in bylines if not set(b) & authors) == 1

    def test_one_story_is_covered_live_through_a_day(self, demo):
        """The live coverage has a day of posted entries, key events, a pinned entry, one
        correction, one withdrawal, a contributor's draft and a scheduled entry."""
        from newsdesk.live.models import EntryStatus, LiveCoverage

        coverage = LiveCoverage.objects.select_related("story").get()
        assert coverage.story.live and coverage.status == "live"
        entries = list(coverage.entries.all())
        posted = [e for e in entries if e.status == EntryStatus.POSTED]
        span = max(e.posted_at for e in posted) - min(e.posted_at for e in posted)
        assert len(posted) >= 12 and span.total_seconds() > 20 * 3600
        assert sum(e.key_event for e in posted) >= 4
        assert sum(e.pinned for e in posted) == 1
        assert sum(bool(e.correction_note) for e in posted) == 1
        statuses = [e.status for e in entries]
        for status in (EntryStatus.WITHDRAWN, EntryStatus.DRAFT, EntryStatus.SCHEDULED):
            assert statuses.count(status) == 1
        assert "live coverage entries" in demo

    def test_one_story_carries_a_correction(self, demo):
        """The corrected story shows the correction and its update time after first publication."""
        correction = Correction.objects.select_related("article").get()
        assert correction.kind == Correction.CORRECTION and correction.text
        story = correction.article
        assert story.live
        assert story.displayed_update == correction.noted_at
        assert story.updated_at > story.first_published_at

    def test_a_story_is_built_like_the_seed_page(self, demo):
        """A security story is built like the seed page: staff and AFP, a dateline, two captioned
        photos, a sub-heading and a quote."""
        story = Article.objects.published().get(headline__startswith="Shelling empties")
        assert story.section.slug == "security"
        assert byline_of(story) == ["nadia-rahimova", "AFP"]
        assert story.dateline == "MIRABAD"
        kinds = [block.block_type for block in story.body]
        assert {"subheading", "quote", "photo"} <= set(kinds)
        inline = next(block.value["photo"] for block in story.body if block.block_type == "photo")
        assert inline.caption and inline.credit and story.lead_photo.caption
        quote = next(block.value for block in story.body if block.block_type == "quote")
        assert quote["attribution"]

    def test_draft_and_scheduled_stories_are_not_live(self, demo):
        """The extra draft and the story scheduled for tomorrow are stored but not on the site."""
        english = Article.objects.filter(locale__language_code="en")
        assert english.count() == 19  # with the live coverage's story
        assert Article.objects.count() == 19 + 3  # two Russian and one Arabic translation
        unpublished = Article.objects.filter(live=False)
        assert {story.status_string for story in unpublished} == {"draft", "scheduled"}
        assert not Article.objects.published().filter(pk__in=unpublished).exists()
        scheduled = unpublished.get(go_live_at__isnull=False)
        revision = scheduled.revisions.get()
        assert revision.approved_go_live_at > timezone.now()
        assert scheduled.first_published_at is None

    def test_front_page_replaces_wagtails_welcome_page(self, demo):
        """The front page is the default site's root, and Wagtail's welcome page is gone."""
        site = Site.objects.get(is_default_site=True)
        assert isinstance(site.root_page.specific, HomePage)
        assert site.root_page.slug == "home" and site.root_page.live
        assert site.site_name == content.SITE_NAME
        assert not Page.objects.filter(
            title__startswith="Welcome to your new Wagtail site"
        ).exists()

    def test_stories_go_to_editors_for_review(self, demo):
        """Stories go through "Story review", which Editors approve (not Wagtail's Moderators)."""
        assignment = WorkflowContentType.objects.get(
            content_type=ContentType.objects.get_for_model(Article)
        )
        assert assignment.workflow.name == "Story review"
        [task] = assignment.workflow.tasks.all()
        assert list(task.specific.groups.values_list("name", flat=True)) == ["Editors"]

    def test_one_person_per_newsroom_role(self, demo):
        """A contributor, an editor and a comment moderator, each in their role's group only."""
        users = get_user_model().objects
        groups = {
            user.username: list(user.groups.values_list("name", flat=True))
            for user in users.filter(is_superuser=False)
        }
        assert groups == {
            "contributor": ["Contributors"],
            "editor": ["Editors"],
            "moderator": ["Comment moderators"],
        }
        assert not users.filter(is_staff=True, is_superuser=False).exists()

    # The Russian and Arabic editions.
    def test_three_editions_with_their_front_pages_and_sections(self, demo):
        fronts = {home.locale.language_code: home for home in HomePage.objects.live()}
        assert set(fronts) == {"en", "ru", "ar"}
        russian = SectionPage.objects.child_of(fronts["ru"]).live().order_by("path")
        assert [section.title for section in russian][:2] == ["Безопасность", "Политика"]
        assert "3 translations" in demo

    def test_some_stories_translated_some_not_one_out_of_date(self, demo):
        from newsdesk.editions.services import translation_status

        english = published()
        translated = [story for story in english if story.get_translations().exists()]
        assert 1 <= len(translated) < len(english)
        lead = next(s for s in english if s.headline.startswith("Shelling empties"))
        states = {row["language"]: row["state"] for row in translation_status(lead)}
        assert states == {"en": "source", "ru": "current", "ar": "outdated"}
        russian = lead.get_translation(
            lead.get_translations().get(locale__language_code="ru").locale
        )
        assert russian.dateline == "МИРАБАД" and russian.live
        assert russian.section.locale.language_code == "ru"
        author = russian.byline_entries.exclude(author=None).get().author
        assert author.name == "Надия Рахимова"


def test_running_twice_creates_nothing_new_and_prints_the_same_password(settings, data_dir):
    """The second run loads nothing and prints the login the first one created."""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", "--no-renditions", stdout=first)
    counts = [model.objects.count() for model in (Article, Photo, Author, Page, get_user_model())]
    call_command("load_demo", "--no-renditions", stdout=second)

    assert [m.objects.count() for m in (Article, Photo, Author, Page, get_user_model())] == counts
    assert "not loaded" in second.getvalue()
    login = [line for line in first.getvalue().splitlines() if line.startswith("Admin:")]
    assert login == [line for line in second.getvalue().splitlines() if line.startswith("Admin:")]
    password = (data_dir / services.PASSWORD_FILE_NAME).read_text().strip()
    assert login == [f"Admin: http://127.0.0.1:8000/admin/  user: admin  password: {password}"]
    assert "Newsroom roles: contributor, editor, moderator  password: the admin's" in (
        second.getvalue().splitlines()
    )
    assert get_user_model().objects.get(username="editor").check_password(password)


def test_does_nothing_when_a_story_exists(section):
    """A site with stories of its own is left alone."""
    make_story(section)
    out = io.StringIO()

    assert services.load_demo(out, renditions=False) is False
    assert Article.objects.count() == 1
    assert not Photo.objects.exists()


def test_keeps_a_front_page_and_sections_that_exist(section):
    """A site that has its front page and a section already gets no second ones."""
    assert services.load_demo(io.StringIO(), renditions=False) is True

    assert HomePage.objects.filter(locale__language_code="en").count() == 1
    assert SectionPage.objects.filter(slug="security").get() == section
    english = SectionPage.objects.filter(locale__language_code="en")
    assert english.count() == len(content.SECTIONS)
    assert Article.objects.published().filter(section=section).count() == 5  # one is live


def test_a_failed_load_leaves_no_photo_files_behind(monkeypatch, data_dir):
    """When loading fails, the transaction is undone and the stored pictures are deleted."""

    def fail() -> bool:
        raise RuntimeError("the last step failed")

    monkeypatch.setattr(services, "ensure_demo_staff", lambda password: fail())

    with pytest.raises(RuntimeError):
        services.load_demo(io.StringIO(), renditions=False)

    assert not Article.objects.exists() and not Photo.objects.exists()
    assert (data_dir / "media" / "original_images").is_dir()
    assert not [path for path in (data_dir / "media").rglob("*") if path.is_file()]


def test_admin_password_is_private_and_reset_when_its_file_is_gone(data_dir):
    """The password file is readable by its owner only; losing it gives the admin a new one."""
    user, login = services.ensure_demo_admin()
    path = data_dir / services.PASSWORD_FILE_NAME
    assert user.is_superuser and user.check_password(login.password)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.unlink()

    user, new_login = services.ensure_demo_admin()

    assert new_login.password != login.password
    assert user.check_password(new_login.password)
    assert path.read_text().strip() == new_login.password


def test_a_password_changed_in_the_admin_is_not_printed(data_dir):
    """Once someone sets their own admin password, the stale one on file is not shown."""
    user, login = services.ensure_demo_admin()
    user.set_password("chosen-by-a-person")
    user.save()

    _, after = services.ensure_demo_admin()

    assert after.password is None
    assert login.password not in services.admin_login_line(after)


def test_renditions_are_made_for_each_place_a_photo_appears():
    """A lead photo gets the story and teaser renditions the templates ask for, and the crops
    structured data names, made ahead."""
    photo = PhotoFactory()

    made = services.make_renditions([(photo, services.LEAD_PLACES)])

    expected = sum(len(filter_specs(place)) for place in ("story", "teaser", "structured_data"))
    assert made == PhotoRendition.objects.filter(image=photo).count() == expected
