"""The story list sorted by a reaction column: the order editors see, and how it is fetched.

A page of the list sorted by Yes, No or approval is taken from the stories with answers, in the
order of the tally's indexes, and the newest stories without answers (wagtail_hooks.py,
`FirstPageFromIndexes`). These tests hold every slice of it to the order the docs state.
"""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.articles.paginators import ArchivePaginator
from newsdesk.reactions.models import ReactionTally
from newsdesk.reactions.wagtail_hooks import reaction_ordering, with_reaction_tallies
from tests.common.db.articles import days_ago, make_story
from tests.common.db.sections import make_section
from tests.reactions.test_wagtail_hooks import story_rows

pytestmark = pytest.mark.django_db

LIST = reverse("wagtailsnippets_articles_article:list")
SORT_KEYS = [
    "-reaction_yes",
    "reaction_yes",
    "-reaction_no",
    "reaction_no",
    "-reaction_approval",
    "reaction_approval",
]

# (yes, no) per story; None: nobody answered (no tally row); (0, 0): a tally left empty, as a
# recount leaves it after its answers were deleted. Ties on purpose: 50% three times, 100% and
# 33% twice, 0 yes four times.
COUNTS = [
    (3, 1), (0, 2), (5, 5), (1, 0), None, (2, 0), (0, 1), (1, 1), None, (2, 2),
    (1, 2), (0, 0), (2, 4), None, (7, 0), (0, 3), None, (4, 1),
]  # fmt: skip


def expected_order(stories: list[Article], sort_key: str) -> list[int]:
    """The documented order, worked out in Python: Yes and No count an unanswered story as 0;
    approval puts stories without answers last both ways; ties go to more answers, then the
    newest (the higher id)."""
    name, descending = sort_key.removeprefix("-"), sort_key.startswith("-")

    def key(story: Article) -> tuple:
        yes, no = story.counts or (0, 0)
        total = yes + no
        if name == "reaction_approval":
            if not total:
                return (1, 0, 0, -story.pk)
            share = yes * 100.0 / total
            return (0, -share if descending else share, -total, -story.pk)
        value = yes if name == "reaction_yes" else no
        return (0, -value if descending else value, -total, -story.pk)

    return [story.pk for story in sorted(stories, key=key)]


@pytest.fixture
def stories(section) -> list[Article]:
    """Stories with the answers of COUNTS, made in a shuffled order so ids do not follow them."""
    counts = COUNTS[:]
    random.Random(3).shuffle(counts)
    made = []
    for n, answered in enumerate(counts):
        story = make_story(section, f"Story {n}", publish=False)
        if answered is not None:
            ReactionTally.objects.create(story=story, yes_count=answered[0], no_count=answered[1])
        story.counts = answered
        made.append(story)
    return made


def sorted_stories(sort_key: str, queryset=None):
    queryset = with_reaction_tallies(queryset if queryset is not None else Article.objects.all())
    return queryset.order_by(*reaction_ordering(sort_key))


@pytest.mark.parametrize("sort_key", SORT_KEYS)
def test_every_slice_of_the_sorted_list_is_the_documented_order(stories, sort_key):
    expected = expected_order(stories, sort_key)
    n = len(expected)
    for start in range(0, n, 2):
        for stop in range(start + 1, n + 3, 3):
            page = [story.pk for story in sorted_stories(sort_key)[start:stop]]
            assert page == expected[start:stop], (start, stop)
    assert [story.pk for story in sorted_stories(sort_key)] == expected


@pytest.mark.parametrize("sort_key", SORT_KEYS)
def test_filters_narrow_the_sorted_list_without_changing_its_order(home, stories, sort_key):
    elsewhere = make_section(home, "Elsewhere")
    moved = stories[::3]
    Article.objects.filter(pk__in=[story.pk for story in moved]).update(section=elsewhere)
    in_section = Article.objects.filter(section=elsewhere)
    page = [story.pk for story in sorted_stories(sort_key, in_section)[0:4]]
    assert page == expected_order(moved, sort_key)[0:4]


def test_a_page_is_fetched_from_the_stories_with_and_without_answers_in_one_query(stories):
    queryset = sorted_stories("-reaction_approval")
    with CaptureQueriesContext(connection) as captured:
        page = list(queryset[5:10])
    assert len(page) == 5
    [sql] = [query["sql"] for query in captured]
    # The candidates: the first 10 with answers in the index's order, the newest 10 without.
    assert sql.count("LIMIT 10") == 2, sql
    assert '"answers" > 0' in sql and "NOT EXISTS" in sql
    # The story's own columns and its tally come with the page, as select_related fetches them.
    assert page[0].reaction_tally.approval is not None


def test_other_orders_counts_and_slices_past_the_last_page_are_left_alone(stories):
    plain = with_reaction_tallies(Article.objects.all()).order_by("-first_published_at", "-pk")
    assert '"answers" > 0' not in str(plain[0:5].query)
    counted = sorted_stories("reaction_yes").order_by().values("pk")[:10001]
    assert '"answers" > 0' not in str(counted.query)
    assert sorted_stories("reaction_yes").count() == len(stories)
    # The search backend counts sorted matches as a slice one longer than the list's cap.
    past_the_cap = sorted_stories("reaction_yes")[: ArchivePaginator.limit + 1]
    assert '"answers" > 0' not in str(past_the_cap.query)
    assert [story.pk for story in past_the_cap] == expected_order(stories, "reaction_yes")


def test_a_single_story_by_position_is_the_one_of_the_order(stories):
    expected = expected_order(stories, "-reaction_approval")
    assert sorted_stories("-reaction_approval")[6].pk == expected[6]


def test_the_admin_list_sorts_by_reactions_within_a_section_and_dates(admin_client, home, section):
    """The newsroom's common case: one section, the last week, best liked first."""
    other = make_section(home, "Other")
    liked, disliked, _new = (make_story(section, title) for title in ("Liked", "Disliked", "New"))
    elsewhere = make_story(other, "Elsewhere")
    old = make_story(section, "Old", published_at=days_ago(30))
    for story, yes, no in ((liked, 4, 1), (disliked, 0, 3), (elsewhere, 9, 0), (old, 8, 0)):
        ReactionTally.objects.create(story=story, yes_count=yes, no_count=no)
    week = {
        "section": section.pk,
        "first_published_at_from": days_ago(7).date().isoformat(),
        "first_published_at_to": days_ago(0).date().isoformat(),
    }
    for ordering, expected in (
        ("-reaction_approval", ["Liked", "Disliked", "New"]),
        ("reaction_approval", ["Disliked", "Liked", "New"]),
        ("-reaction_yes", ["Liked", "Disliked", "New"]),
        ("reaction_no", ["New", "Liked", "Disliked"]),
    ):
        rows = story_rows(admin_client.get(LIST, {**week, "ordering": ordering}))
        assert [row["Headline"] for row in rows] == expected, ordering


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.parametrize(
    ("sort_key", "index"),
    [
        ("-reaction_yes", "reaction_tally_yes_desc"),
        ("reaction_yes", "reaction_tally_yes_asc"),
        ("-reaction_no", "reaction_tally_no_desc"),
        ("reaction_no", "reaction_tally_no_asc"),
        ("-reaction_approval", "reaction_tally_appr_desc"),
        ("reaction_approval", "reaction_tally_appr_asc"),
    ],
)
def test_postgresql_can_read_the_answered_stories_in_order_from_an_index(
    admin_client, stories, sort_key, index
):
    """With a handful of rows the planner rightly prefers to scan; told not to, it must find an
    index that gives the order as it is (no sort of the answered stories before the LIMIT)."""
    with CaptureQueriesContext(connection) as captured:
        admin_client.get(LIST, {"ordering": sort_key})
    [sql] = [q["sql"] for q in captured if "reactions_reactiontally" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_sort = off")
        try:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(line for (line,) in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_sort")
    assert f"Index Only Scan using {index}" in plan or f"Index Scan using {index}" in plan, plan
