"""The newsroom's side of the serving benchmark: a process of its own, as the admin would be.

Run by bench/serving with the throwaway site's environment (`python bench/serving/ops.py`). It
reads one JSON command a line on stdin and answers one JSON line on stdout, so the changes
whose freshness is measured are made in another process than the servers and the readers, and
through the same services the admin calls (Wagtail revisions, the moderation services).
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _setup() -> None:
    import django

    django.setup()


def _admin():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()


def _story(story_id: int):
    from newsdesk.articles.models import Article

    return Article.objects.get(pk=story_id)


def prepare(args: dict) -> dict:
    """Pick the demo's lead story; add a copy with 50 approved comments and `cold` copies."""
    from django.utils import timezone

    from newsdesk.articles.models import Article
    from newsdesk.discussion.models import Comment
    from tests.common.db.articles import make_story

    live = Article.objects.filter(live=True).order_by("-first_published_at")
    # The lead story of the demo: the newest live one with the longest body.
    lead = max(live[:6], key=lambda story: len(json.dumps(story.body.get_prep_value())))

    def copy(headline: str) -> Article:
        return make_story(
            lead.section,
            headline,
            body=lead.body.get_prep_value(),
            standfirst=lead.standfirst,
            dateline=lead.dateline,
            kicker=lead.kicker,
        )

    discussed = copy(f"{lead.headline} (with its discussion)")
    now = timezone.now()
    for n in range(args.get("comments", 50)):
        Comment.objects.create(
            story=discussed,
            author_name=f"Reader {n}",
            author_email=f"reader{n}@example.org",
            text=f"Comment {n}: a considered view on the story, long enough to read like one. " * 2,
            status=Comment.Status.APPROVED,
            ip_address="127.0.0.1",
            submitted_at=now,
            moderated_at=now,
        )
    cold = [copy(f"{lead.headline} (copy {n})") for n in range(args.get("cold", 0))]
    photos = {
        str(block.value["photo"].pk): block.value["photo"].file.path
        for block in lead.body
        if block.block_type == "photo"
    }
    return {
        "lead": {"id": lead.pk, "url": lead.get_absolute_url(), "headline": lead.headline},
        "discussed": {"id": discussed.pk, "url": discussed.get_absolute_url()},
        "cold": [story.get_absolute_url() for story in cold],
        "body": lead.body.get_prep_value(),
        "headline": lead.headline,
        "standfirst": lead.standfirst,
        "dateline": lead.dateline,
        "photos": photos,
    }


def publish(args: dict) -> dict:
    """Publish a new story in the lead's section (a copy of its body)."""
    from tests.common.db.articles import make_story

    lead = _story(args["like"])
    started = time.time()
    story = make_story(lead.section, args["headline"], body=lead.body.get_prep_value())
    return {
        "started": started,
        "done": time.time(),
        "id": story.pk,
        "url": story.get_absolute_url(),
    }


def edit(args: dict) -> dict:
    """Publish a new revision of a live story with a new headline."""
    story = _story(args["id"])
    started = time.time()
    story.headline = args["headline"]
    story.save_revision(user=_admin()).publish(user=_admin())
    return {"started": started, "done": time.time()}


def correct(args: dict) -> dict:
    """Append a correction to a live story and publish it."""
    from newsdesk.articles.models import Correction

    story = _story(args["id"])
    started = time.time()
    story.corrections.add(Correction(text=args["text"]))
    story.save_revision(user=_admin()).publish(user=_admin())
    return {"started": started, "done": time.time()}


def unpublish(args: dict) -> dict:
    story = _story(args["id"])
    started = time.time()
    story.unpublish(user=_admin())
    return {"started": started, "done": time.time()}


def pending_comment(args: dict) -> dict:
    """A comment waiting for a moderator (as the pipeline stores one on a pre-moderated story)."""
    from django.utils import timezone

    from newsdesk.discussion.models import Comment

    comment = Comment.objects.create(
        story=_story(args["id"]),
        author_name="Pending Reader",
        author_email="pending@example.org",
        text=args["text"],
        status=Comment.Status.PENDING,
        ip_address="127.0.0.1",
        submitted_at=timezone.now(),
    )
    return {"comment": comment.pk}


def approve(args: dict) -> dict:
    """Approve comments by id, or every pending comment on a story, one at a time."""
    from newsdesk.discussion.models import Comment
    from newsdesk.moderation.services import approve_comment

    comments = Comment.objects.filter(status=Comment.Status.PENDING)
    if "ids" in args:
        comments = comments.filter(pk__in=args["ids"])
    else:
        comments = comments.filter(story_id=args["id"])
    started = time.time()
    texts = []
    admin = _admin()
    for comment in comments.order_by("pk"):
        approve_comment(admin, comment)
        texts.append(comment.text)
    return {"started": started, "done": time.time(), "texts": texts}


def count_comments(args: dict) -> dict:
    """How many comments a story has, by status, and how many distinct texts."""
    from django.db.models import Count

    from newsdesk.discussion.models import Comment

    comments = Comment.objects.filter(story_id=args["id"])
    if "prefix" in args:
        comments = comments.filter(text__startswith=args["prefix"])
    by_status = dict(comments.values_list("status").annotate(n=Count("pk")))
    return {
        "total": comments.count(),
        "distinct_texts": comments.values("text").distinct().count(),
        "by_status": by_status,
    }


COMMANDS = {
    "prepare": prepare,
    "publish": publish,
    "edit": edit,
    "correct": correct,
    "unpublish": unpublish,
    "pending_comment": pending_comment,
    "approve": approve,
    "count_comments": count_comments,
}


def main() -> None:
    _setup()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        try:
            answer = COMMANDS[command.pop("op")](command)
        except Exception as error:  # reported to the benchmark, which stops
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
