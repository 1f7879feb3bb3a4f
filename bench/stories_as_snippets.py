#!/usr/bin/env python
"""Measure stories as Wagtail snippets against stories as Wagtail pages under their section.

    .venv/bin/python bench/stories_as_snippets.py [--sizes 1000,5000,20000] [--repeats 5]
    .venv/bin/python bench/stories_as_snippets.py --database-url postgres://postgres@127.0.0.1:5432/newsdesk_bench

Each design gets a database of its own, cloned from one freshly migrated database that holds the
admin user, forty authors, the front page and four section pages, so the two start identical and
only the stories differ. On SQLite these are files in a temporary directory; with
--database-url the script creates <db>_pages and <db>_snippets and drops them afterwards. It
never touches real data. The page-tree peer is `bench/storypages`, a bench-only app that this
script adds to INSTALLED_APPS.

Sizes grow the same databases: the stories of one size stay when the next is loaded. Half of the
stories go to the measured section ("News"), the rest to three other sections, so at N stories
the measured section page has N/2 child pages. The figures are milliseconds on a shared machine:
compare the ratios, not the absolute numbers. See docs/decisions/stories-as-snippets.md.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_SIZES = "1000,5000,20000,50000"
STORIES_PER_DAY = 100
AUTHORS = 40
CHUNK = 1000
LOAD_BATCH = 20_000
SECTIONS = [
    ("news", "News"),
    ("politics", "Politics"),
    ("business", "Business"),
    ("culture", "Culture"),
]
PLACES = [
    "Ankara", "Istanbul", "Izmir", "Bursa", "Antalya", "Konya", "Adana", "Gaziantep",
    "Kayseri", "Mersin", "Eskisehir", "Diyarbakir", "Samsun", "Denizli", "Sakarya", "Malatya",
    "Trabzon", "Erzurum", "Van", "Batman", "Elazig", "Sivas", "Manisa", "Hatay",
    "Kocaeli", "Aydin", "Tekirdag", "Balikesir", "Kahramanmaras", "Edirne", "Mardin", "Bodrum",
    "Rize", "Ordu", "Giresun", "Nevsehir", "Amasya", "Tokat", "Canakkale", "Kars",
]  # fmt: skip
SUBJECTS = ["Council", "Ministry", "Court", "Union", "Port", "Airport", "University", "Police"]
VERBS = ["approves", "delays", "rejects", "reviews", "announces", "suspends", "extends"]
OBJECTS = ["budget", "strike", "tender", "inquiry", "plan", "ban", "reform", "deal", "fare"]
WORDS = [
    "the", "minister", "said", "on", "tuesday", "that", "talks", "would", "continue", "next",
    "week", "after", "officials", "from", "both", "sides", "met", "in", "the", "capital", "to",
    "discuss", "prices", "wages", "transport", "water", "energy", "schools", "hospitals",
    "roads", "housing", "farmers", "exporters", "opposition", "deputies", "mayors", "residents",
]  # fmt: skip
SEARCH_TERM = "kayseri"  # one place in forty: about 2.5% of headlines


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default=DEFAULT_SIZES,
        help=f"comma-separated story counts per design, growing (default {DEFAULT_SIZES})",
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per operation (median)")
    parser.add_argument(
        "--warmups", type=int, default=2, help="untimed runs per operation before timing"
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="run on PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/newsdesk_bench: the "
        "script creates <db>_pages and <db>_snippets (which must not exist) and drops them after",
    )
    parser.add_argument(
        "--no-analyze",
        dest="analyze",
        action="store_false",
        help="skip ANALYZE after each bulk load (SQLite then plans without statistics)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the databases (and temporary directory)"
    )
    args = parser.parse_args()
    args.size_list = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not args.size_list or args.size_list[0] < 10:
        parser.error("--sizes needs at least one size of 10 stories or more")
    if args.repeats < 1 or args.warmups < 1:
        parser.error("--repeats and --warmups must be at least 1")
    return args


def progress(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


# --- Setting Django up on a database of our own ------------------------------------------------


@dataclass
class Databases:
    """The two databases, one per design, and how to reach PostgreSQL's maintenance database."""

    pages: str
    snippets: str
    data_dir: str
    postgres: dict | None = None

    def url(self) -> str:
        if self.postgres is None:
            return f"sqlite:///{self.pages}"
        p = self.postgres
        auth = quote(p["user"], safe="") + (
            f":{quote(p['password'], safe='')}" if p["password"] else ""
        )
        return f"postgres://{auth}@{p['host']}:{p['port']}/{self.pages}"


def plan_databases(database_url: str, data_dir: str) -> Databases:
    if not database_url:
        return Databases(
            pages=str(Path(data_dir) / "pages.sqlite3"),
            snippets=str(Path(data_dir) / "snippets.sqlite3"),
            data_dir=data_dir,
        )
    import dj_database_url

    config = dj_database_url.parse(database_url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("--database-url must name a PostgreSQL database (postgres://...).")
    return Databases(
        pages=f"{config['NAME']}_pages",
        snippets=f"{config['NAME']}_snippets",
        data_dir=data_dir,
        postgres={
            "host": config.get("HOST") or "127.0.0.1",
            "port": config.get("PORT") or 5432,
            "user": config.get("USER") or "postgres",
            "password": config.get("PASSWORD") or "",
        },
    )


def postgres_maintenance(databases: Databases):
    import psycopg

    p = databases.postgres
    return psycopg.connect(
        host=p["host"],
        port=p["port"],
        user=p["user"],
        password=p["password"] or None,
        dbname="postgres",
        autocommit=True,
    )


def create_postgres_database(databases: Databases) -> None:
    """Create the pages database; refuse to run if either database already exists."""
    from psycopg import sql

    with postgres_maintenance(databases) as conn:
        for name in (databases.pages, databases.snippets):
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                raise SystemExit(
                    f"Database {name!r} already exists. The benchmark only runs on databases it "
                    "creates itself: drop it, or name another database."
                )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(databases.pages)))


def clone_for_snippets(databases: Databases) -> None:
    """Copy the migrated, seeded pages database to the snippets database."""
    from django.db import connection

    if databases.postgres is None:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        shutil.copyfile(databases.pages, databases.snippets)
        return
    from psycopg import sql

    connection.close()
    with postgres_maintenance(databases) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(databases.snippets), sql.Identifier(databases.pages)
            )
        )


def drop_databases(databases: Databases) -> None:
    from django.db import connections

    for wrapper in _CONNECTIONS.values():
        wrapper.close()
    connections.close_all()
    if databases.postgres is not None:
        from psycopg import sql

        with postgres_maintenance(databases) as conn:
            for name in (databases.pages, databases.snippets):
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
    shutil.rmtree(databases.data_dir, ignore_errors=True)


# One open connection per design's database, so that switching between them costs nothing.
_CONNECTIONS: dict[str, object] = {}


def use_database(name: str) -> None:
    """Make Django's default connection the one to `name`, one design's database.

    Each database keeps its own open connection, so the two designs can be timed turn about.
    Caches stay: both databases are clones of one, so the ids that Django and Wagtail cache
    (content types, the site's root page) are the same in both.
    """
    from django.db import DEFAULT_DB_ALIAS, connections

    current = connections[DEFAULT_DB_ALIAS]
    if current.settings_dict["NAME"] == name:
        return
    _CONNECTIONS.setdefault(current.settings_dict["NAME"], current)
    if name not in _CONNECTIONS:
        settings_dict = copy.deepcopy(current.settings_dict)
        settings_dict["NAME"] = name
        _CONNECTIONS[name] = type(current)(settings_dict, alias=DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = _CONNECTIONS[name]


def analyze() -> None:
    """Give the query planner statistics, as PostgreSQL's autovacuum would after a bulk load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def configure_django(databases: Databases) -> None:
    """Point the test settings at our own data directory and database, add the bench app, set up."""
    # Assigned, not setdefault: whatever the shell exports must not lead us to real data.
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.config.settings.test"
    os.environ["NEWSDESK_DATA_DIR"] = databases.data_dir
    os.environ["NEWSDESK_MEDIA_ROOT"] = str(Path(databases.data_dir) / "media")
    os.environ["NEWSDESK_STATIC_ROOT"] = str(Path(databases.data_dir) / "static")
    os.environ["NEWSDESK_DEBUG"] = "0"
    os.environ["DATABASE_URL"] = databases.url()
    os.environ.pop("REDIS_URL", None)
    if str(BENCH_DIR) not in sys.path:
        sys.path.insert(0, str(BENCH_DIR))

    import django
    from django.conf import settings

    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "storypages"]
    chosen = str(settings.DATABASES["default"]["NAME"])
    if chosen != databases.pages:
        raise SystemExit(
            f"The settings chose the database {chosen!r}, not the benchmark's; stopping."
        )
    django.setup()


# --- The archive -----------------------------------------------------------------------------


@dataclass
class StorySpec:
    """One story of the archive, to be created both as a page and as a snippet."""

    index: int
    headline: str
    slug: str
    standfirst: str
    body: list[dict]
    section_slug: str
    author_index: int
    published_at: datetime
    live: bool
    has_unpublished_changes: bool


@dataclass
class Newsroom:
    """What both designs share: the admin, authors, section pages and content types."""

    admin: object
    users: list
    authors: list
    home: object
    sections: dict
    locale: object
    page_ct: object
    story_page_ct: object
    article_ct: object
    epoch: datetime
    rng: random.Random
    created: int = 0
    extra: int = 0
    newest_published: datetime | None = None


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def story_specs(newsroom: Newsroom, count: int) -> list[StorySpec]:
    """The next `count` stories of the archive, one every 864 seconds (100 a day), oldest first."""
    rng = newsroom.rng
    other_sections = [slug for slug, _ in SECTIONS[1:]]
    specs = []
    for index in range(newsroom.created, newsroom.created + count):
        place = PLACES[rng.randrange(len(PLACES))]
        headline = (
            f"{place} {rng.choice(SUBJECTS).lower()} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        ).capitalize()
        draft = index % 25 == 7
        specs.append(
            StorySpec(
                index=index,
                headline=headline,
                slug=f"story-{index}",
                standfirst=sentence(rng, 20),
                # One paragraph: indexing parses each rich-text block, and loading is long enough.
                body=[
                    {
                        "type": "paragraph",
                        "value": f"<p>{place.upper()} - {sentence(rng, 60)}</p>",
                        "id": str(uuid.UUID(int=rng.getrandbits(128))),
                    }
                ],
                section_slug="news" if index % 2 == 0 else rng.choice(other_sections),
                author_index=rng.randrange(AUTHORS),
                published_at=newsroom.epoch
                + timedelta(seconds=index * 86400 / STORIES_PER_DAY + rng.randrange(600)),
                live=not draft,
                has_unpublished_changes=draft or index % 49 == 3,
            )
        )
    newsroom.created += count
    newsroom.newest_published = max(spec.published_at for spec in specs)
    return specs


def set_up_newsroom(largest: int) -> Newsroom:
    """Create the admin, the authors, the front page and the four section pages."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from storypages.models import StoryPage
    from wagtail.models import Locale, Page, Site

    from newsdesk.articles.models import Article
    from newsdesk.bylines.models import Author
    from newsdesk.sections.models import HomePage, SectionPage

    User = get_user_model()
    admin = User.objects.create_superuser("editor", "editor@example.com", "bench-only")
    users = [
        User.objects.create_user(f"author{i}", f"author{i}@example.com") for i in range(AUTHORS)
    ]
    authors = [
        Author.objects.create(name=f"Author {i}", slug=f"author-{i}", user=user)
        for i, user in enumerate(users)
    ]
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Newsdesk", slug="newsdesk"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    sections = {}
    for slug, title in SECTIONS:
        section = home.add_child(instance=SectionPage(title=title, slug=slug))
        section.save_revision(user=admin).publish(user=admin)
        sections[slug] = section
    return Newsroom(
        admin=admin,
        users=users,
        authors=authors,
        home=home,
        sections=sections,
        locale=Locale.get_default(),
        page_ct=ContentType.objects.get_for_model(Page),
        story_page_ct=ContentType.objects.get_for_model(StoryPage),
        article_ct=ContentType.objects.get_for_model(Article),
        # The newest story of the largest size lands about an hour before now.
        epoch=timezone.now() - timedelta(days=largest / STORIES_PER_DAY, hours=1),
        rng=random.Random(20251125),
    )


def insert_rows(model, fields: Iterable, objs: list) -> None:
    """INSERT `fields` of `objs` into `model`'s table with executemany, values prepared by Django.

    Django's bulk_create refuses multi-table inherited models such as a Page subclass, so the
    page loader writes wagtailcore_page and storypages_storypage rows itself.
    """
    from django.db import connection

    fields = list(fields)
    quote_name = connection.ops.quote_name
    table = quote_name(model._meta.db_table)
    columns = ", ".join(quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    statement = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608  (names from model meta)
    rows = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] for obj in objs
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(statement, rows[start : start + CHUNK])


def next_id(model) -> int:
    from django.db.models import Max

    return (model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1


def reset_sequences(models: list) -> None:
    """After rows with explicit ids, move PostgreSQL's sequences past them (no-op on SQLite)."""
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def revision_for(obj, *, ct, base_ct, revision_id: int, user_id: int, when: datetime):
    """One revision holding `obj`'s fields, as `save_revision()` would store it."""
    from modelcluster.models import get_serializable_data_for_fields
    from wagtail.models import Revision

    return Revision(
        id=revision_id,
        content_type=ct,
        base_content_type=base_ct,
        object_id=str(obj.pk),
        created_at=when,
        user_id=user_id,
        object_str=str(obj),
        content=get_serializable_data_for_fields(obj),
    )


def children_of(section):
    """The section's child pages, read from the paths (get_children() trusts numchild)."""
    from wagtail.models import Page

    return Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)


def load_story_pages(newsroom: Newsroom, specs: list[StorySpec]) -> None:
    """Insert the stories as StoryPage children of their section pages, treebeard paths computed.

    Each section's children get consecutive path steps after its current last child, the same
    paths `add_child` would give them; the section's numchild is then set to its child count.
    """
    from django.db import transaction
    from storypages.models import StoryPage
    from wagtail.models import Page, Revision

    page_id, revision_id = next_id(Page), next_id(Revision)
    pages, revisions = [], []
    steps = {}
    for slug, section in newsroom.sections.items():
        last = children_of(section).order_by("-path").first()
        steps[slug] = Page._str2int(last.path[-Page.steplen :]) if last else 0
    for spec in specs:
        section = newsroom.sections[spec.section_slug]
        steps[spec.section_slug] += 1
        owner_id = newsroom.users[spec.author_index].pk
        updated = spec.published_at + timedelta(minutes=5 if spec.has_unpublished_changes else 0)
        page = StoryPage(
            id=page_id,
            page_ptr_id=page_id,
            path=Page._get_path(section.path, section.depth + 1, steps[spec.section_slug]),
            depth=section.depth + 1,
            numchild=0,
            title=spec.headline,
            draft_title=spec.headline,
            slug=spec.slug,
            url_path=f"{section.url_path}{spec.slug}/",
            content_type=newsroom.story_page_ct,
            locale=newsroom.locale,
            translation_key=uuid.UUID(int=newsroom.rng.getrandbits(128)),
            owner_id=owner_id,
            live=spec.live,
            has_unpublished_changes=spec.has_unpublished_changes,
            first_published_at=spec.published_at if spec.live else None,
            last_published_at=spec.published_at if spec.live else None,
            latest_revision_created_at=updated,
            latest_revision_id=revision_id,
            live_revision_id=revision_id if spec.live else None,
            standfirst=spec.standfirst,
            body=spec.body,
            section_id=section.pk,
        )
        pages.append(page)
        revisions.append(
            revision_for(
                page,
                ct=newsroom.story_page_ct,
                base_ct=newsroom.page_ct,
                revision_id=revision_id,
                user_id=owner_id,
                when=updated,
            )
        )
        page_id += 1
        revision_id += 1
    with transaction.atomic():
        insert_rows(Page, Page._meta.local_concrete_fields, pages)
        insert_rows(StoryPage, StoryPage._meta.local_concrete_fields, pages)
        Revision.objects.bulk_create(revisions, batch_size=CHUNK)
        for section in newsroom.sections.values():
            Page.objects.filter(pk=section.pk).update(numchild=children_of(section).count())
        reset_sequences([Page, Revision])
    for slug, section in newsroom.sections.items():
        newsroom.sections[slug] = type(section).objects.get(pk=section.pk)
    index_objects(StoryPage, pages)


def load_articles(newsroom: Newsroom, specs: list[StorySpec]) -> None:
    """Insert the stories as Article snippets with one byline entry and one revision each."""
    from django.db import transaction
    from wagtail.models import Revision

    from newsdesk.articles.models import Article, BylineEntry

    article_id, revision_id = next_id(Article), next_id(Revision)
    articles, bylines, revisions = [], [], []
    for spec in specs:
        updated = spec.published_at + timedelta(minutes=5 if spec.has_unpublished_changes else 0)
        article = Article(
            id=article_id,
            headline=spec.headline,
            slug=spec.slug,
            standfirst=spec.standfirst,
            section_id=newsroom.sections[spec.section_slug].pk,
            locale=newsroom.locale,
            translation_key=uuid.UUID(int=newsroom.rng.getrandbits(128)),
            body=spec.body,
            live=spec.live,
            has_unpublished_changes=spec.has_unpublished_changes,
            first_published_at=spec.published_at if spec.live else None,
            last_published_at=spec.published_at if spec.live else None,
            latest_revision_id=revision_id,
            live_revision_id=revision_id if spec.live else None,
        )
        articles.append(article)
        bylines.append(
            BylineEntry(
                article_id=article_id,
                author_id=newsroom.authors[spec.author_index].pk,
                sort_order=0,
            )
        )
        revisions.append(
            revision_for(
                article,
                ct=newsroom.article_ct,
                base_ct=newsroom.article_ct,
                revision_id=revision_id,
                user_id=newsroom.users[spec.author_index].pk,
                when=updated,
            )
        )
        article_id += 1
        revision_id += 1
    with transaction.atomic():
        Article.objects.bulk_create(articles, batch_size=CHUNK)
        BylineEntry.objects.bulk_create(bylines, batch_size=CHUNK)
        Revision.objects.bulk_create(revisions, batch_size=CHUNK)
        reset_sequences([Article, Revision])
    index_objects(Article, articles)


def index_objects(model, objs: list) -> None:
    """Add `objs` to Wagtail's search index, as saving them one by one would have done."""
    from wagtail.search.backends import get_search_backend

    # One call per load batch: the database backend rescans the whole index after each call.
    get_search_backend().add_bulk(model, objs)


# --- Measuring ---------------------------------------------------------------------------------


@dataclass
class Timing:
    """One design's median time for one operation, and the SQL statements one run sent."""

    ms: float
    queries: int


@dataclass
class Row:
    """One line of the table: an operation at one archive size, timed for both designs."""

    operation: str
    size: int
    pages: Timing | None
    snippets: Timing | None


def count_statements(action: Callable[[], object]) -> int:
    """Run `action` once and return how many SQL statements it sent.

    (CaptureQueriesContext would miss a test client's queries: each request resets the log.)
    """
    from django.db import connection

    statements = 0

    def count(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        action()
    return statements


def measure_pair(
    databases: Databases,
    pages_action: Callable[[], object] | None,
    snippets_action: Callable[[], object] | None,
    repeats: int,
    warmups: int,
) -> tuple[Timing | None, Timing | None]:
    """Median wall time of each design's action, the designs timed turn about.

    Each side gets `warmups` untimed runs, the last of which counts the SQL statements (so the
    count leaves out first-run cache misses and the timed runs carry no counting). Then come
    `repeats` rounds, each timing both sides, pages first in even rounds and snippets first in
    odd ones, so that a busy spell on the shared machine falls on both designs alike.
    """
    sides = [
        (name, action)
        for name, action in ((databases.pages, pages_action), (databases.snippets, snippets_action))
        if action is not None
    ]
    statements: dict[str, int] = {}
    for name, action in sides:
        use_database(name)
        for _ in range(warmups - 1):
            action()
        statements[name] = count_statements(action)
    times: dict[str, list[float]] = {name: [] for name, _ in sides}
    for round_number in range(repeats):
        for name, action in sides if round_number % 2 == 0 else sides[::-1]:
            use_database(name)
            start = time.perf_counter()
            action()
            times[name].append((time.perf_counter() - start) * 1000)

    def timing(name: str) -> Timing | None:
        if name not in times:
            return None
        return Timing(ms=statistics.median(times[name]), queries=statements[name])

    return timing(databases.pages), timing(databases.snippets)


def admin_get(client, url: str) -> Callable[[], None]:
    def get() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")

    return get


def add_story_page(newsroom: Newsroom) -> None:
    """What the page editor's "publish" does for a new story: add_child, then publish a revision."""
    from storypages.models import StoryPage

    newsroom.extra += 1
    section = newsroom.sections["news"]
    page = StoryPage(
        title=f"Kars port extends fare {newsroom.extra}",
        slug=f"extra-page-{newsroom.extra}",
        standfirst=sentence(newsroom.rng, 20),
        body=[{"type": "paragraph", "value": "<p>KARS - Extra.</p>"}],
        section=section,
        owner=newsroom.admin,
    )
    section.add_child(instance=page)
    page.save_revision(user=newsroom.admin).publish(user=newsroom.admin)


def add_article(newsroom: Newsroom) -> None:
    """What the snippet editor's "publish" does for a new story: save, then publish a revision."""
    from newsdesk.articles.models import Article

    newsroom.extra += 1
    article = Article(
        headline=f"Kars port extends fare {newsroom.extra}",
        slug=f"extra-article-{newsroom.extra}",
        standfirst=sentence(newsroom.rng, 20),
        body=[{"type": "paragraph", "value": "<p>KARS - Extra.</p>"}],
        section=newsroom.sections["news"],
    )
    article.save()
    article.save_revision(user=newsroom.admin).publish(user=newsroom.admin)


def newest_story_pages(section) -> Callable[[], list]:
    from storypages.models import StoryPage

    def query() -> list:
        return list(
            StoryPage.objects.child_of(section)
            .live()
            .public()
            .order_by("-first_published_at", "-pk")[:12]
        )

    return query


def newest_articles(section) -> Callable[[], list]:
    from newsdesk.articles.models import Article

    def query() -> list:
        return list(Article.objects.published().filter(section=section).newest_first()[:12])

    return query


def measure_size(
    newsroom: Newsroom, databases: Databases, client, size: int, args: argparse.Namespace
) -> list[Row]:
    section = newsroom.sections["news"]
    home = newsroom.home
    # A week back from the newest bulk-loaded story (not the ones "add + publish" stamps now).
    week_to = newsroom.newest_published.date()
    week_from = week_to - timedelta(days=6)
    author = newsroom.authors[3]
    pages_url = f"/admin/pages/{section.pk}/"
    snippets_url = "/admin/snippets/articles/article/"
    ct = newsroom.story_page_ct.pk
    date_pages = (
        f"latest_revision_created_at_from={week_from}&latest_revision_created_at_to={week_to}"
    )
    date_snippets = f"first_published_at_from={week_from}&first_published_at_to={week_to}"
    plans: list[tuple[str, Callable | None, Callable | None]] = [
        (
            "admin list: all stories",
            admin_get(client, f"/admin/pages/{home.pk}/?content_type={ct}"),
            admin_get(client, snippets_url),
        ),
        (
            "admin list: one section",
            admin_get(client, pages_url),
            admin_get(client, f"{snippets_url}?section={section.pk}"),
        ),
        (
            "admin list: section + author",
            admin_get(client, f"{pages_url}?owner={author.user_id}"),
            admin_get(client, f"{snippets_url}?section={section.pk}&author={author.pk}"),
        ),
        (
            "admin list: section + last 7 days",
            admin_get(client, f"{pages_url}?{date_pages}"),
            admin_get(client, f"{snippets_url}?section={section.pk}&{date_snippets}"),
        ),
        (
            "admin list: section + drafts",
            None,
            admin_get(client, f"{snippets_url}?section={section.pk}&status=draft"),
        ),
        (
            f"admin search: section, q={SEARCH_TERM}",
            admin_get(client, f"{pages_url}?q={SEARCH_TERM}"),
            admin_get(client, f"{snippets_url}?section={section.pk}&q={SEARCH_TERM}"),
        ),
        (
            "reader: newest 12 in section",
            newest_story_pages(section),
            newest_articles(section),
        ),
        (
            "add + publish one story",
            lambda: add_story_page(newsroom),
            lambda: add_article(newsroom),
        ),
    ]
    rows = []
    for operation, pages_action, snippets_action in plans:
        progress(f"N={size}: {operation}")
        pages, snippets = measure_pair(
            databases, pages_action, snippets_action, args.repeats, args.warmups
        )
        rows.append(Row(operation=operation, size=size, pages=pages, snippets=snippets))
    return rows


# --- Reporting ---------------------------------------------------------------------------------


def code_version() -> str:
    """The commit the measured code comes from, and whether the work tree differs from it."""
    # Read-only: --no-optional-locks keeps `git status` from rewriting the index.
    git = ["git", "--no-optional-locks", "-C", str(BENCH_DIR.parent)]
    try:
        commit = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        # The benchmark and its write-up are not the code under measurement.
        changed = subprocess.run(
            [*git, "status", "--porcelain", "--", ".", ":!bench", ":!docs"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return f"{commit} + uncommitted changes in {len(changed)} files" if changed else commit


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: how busy the shared machine was."""
    return " ".join(f"{load:.1f}" for load in os.getloadavg())


def header(args: argparse.Namespace) -> str:
    import django
    import wagtail
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        engine = f"SQLite {sqlite3.sqlite_version} (temporary files, WAL)"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            engine = f"PostgreSQL {cursor.fetchone()[0]} (127.0.0.1)"
    return "\n".join(
        [
            "Stories as pages vs stories as snippets (bench/stories_as_snippets.py)",
            f"Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; code: {code_version()}",
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()}"
            f" {platform.release()}; load average {load_average()} at the start",
            f"Python {platform.python_version()}, Django {django.get_version()}, "
            f"Wagtail {wagtail.__version__}, {engine}",
            f"Sizes: {', '.join(str(s) for s in args.size_list)} stories in each design's "
            "database, half of them in the measured section.",
            f"Median of {args.repeats} runs after {args.warmups} warm-ups; ANALYZE after each "
            f"load: {'yes' if args.analyze else 'no'}.",
        ]
    )


def table(rows: list[Row]) -> str:
    def ms(t: Timing | None) -> str:
        return f"{t.ms:10.1f}" if t else f"{'n/a':>10}"

    def queries(t: Timing | None) -> str:
        return f"{t.queries:>5}" if t else f"{'-':>5}"

    lines = [
        f"{'operation':<36} {'N':>7} {'pages ms':>10} {'snippets ms':>11} "
        f"{'pages/snippets':>14}  {'queries p/s':>11}",
        "-" * 96,
    ]
    for row in rows:
        ratio = (
            f"{row.pages.ms / row.snippets.ms:13.1f}x"
            if row.pages and row.snippets and row.snippets.ms > 0
            else f"{'n/a':>14}"
        )
        lines.append(
            f"{row.operation:<36} {row.size:>7} {ms(row.pages)} {ms(row.snippets):>11} "
            f"{ratio}  {queries(row.pages)} /{queries(row.snippets)}"
        )
    return "\n".join(lines)


def main() -> None:
    args = parse_args()
    started = time.perf_counter()
    databases = plan_databases(args.database_url, tempfile.mkdtemp(prefix="newsdesk-bench-"))
    if databases.postgres is not None:
        try:
            create_postgres_database(databases)
        except SystemExit:
            shutil.rmtree(databases.data_dir, ignore_errors=True)
            raise
    try:
        configure_django(databases)
        run(args, databases)
    finally:
        if args.keep:
            print(
                f"Kept {databases.pages}, {databases.snippets} and {databases.data_dir}",
                file=sys.stderr,
            )
        else:
            drop_databases(databases)
    print(
        f"\nTotal run time: {time.perf_counter() - started:.0f} s; load average {load_average()} "
        "at the end"
    )


def run(args: argparse.Namespace, databases: Databases) -> None:
    from django.core.management import call_command
    from django.test import Client

    progress("migrating a fresh database")
    call_command("migrate", interactive=False, verbosity=0)
    newsroom = set_up_newsroom(args.size_list[-1])
    client = Client()
    client.force_login(newsroom.admin)  # before the clone, so the session is in both databases
    print(header(args))
    print()
    clone_for_snippets(databases)
    rows: list[Row] = []
    loaded = 0
    for size in args.size_list:
        progress(f"N={size}: loading {size - loaded} stories as pages and as snippets")
        pages_s = snippets_s = 0.0
        while loaded < size:
            # In batches, so that memory stays flat however large the archive.
            specs = story_specs(newsroom, min(size - loaded, LOAD_BATCH))
            loaded += len(specs)
            use_database(databases.pages)
            start = time.perf_counter()
            load_story_pages(newsroom, specs)
            pages_s += time.perf_counter() - start
            use_database(databases.snippets)
            start = time.perf_counter()
            load_articles(newsroom, specs)
            snippets_s += time.perf_counter() - start
        if args.analyze:
            for name in (databases.pages, databases.snippets):
                use_database(name)
                analyze()
        print(
            f"N={size}: bulk-loaded in {pages_s:.1f} s as pages, {snippets_s:.1f} s as snippets "
            "(rows, revisions, search index)",
            flush=True,
        )
        rows.extend(measure_size(newsroom, databases, client, size, args))
    print()
    print(table(rows))
    print()
    print(
        "ms: median wall time on a shared machine; read the ratios. pages/snippets > 1: the "
        "page tree is slower.\nqueries p/s: SQL statements per run, pages / snippets."
    )


if __name__ == "__main__":
    main()
