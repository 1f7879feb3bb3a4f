"""Where the time goes when a reader posts a comment (issue 13, goal 4), in-process, no server.

    .venv/bin/python bench/comment_posting.py [--posts 200]

Builds a throwaway site (production settings, SQLite, the demo), posts comments through the
reader form's view with Django's test client (the signed form token, the flood limits raised so
one address can post them all, every moderation check running), and prints the SQL of one post
and the share of the view's time each stage takes, from cProfile's cumulative times. Shares, not
times: the profiler slows Python down, and these machines are shared.
"""

import argparse
import cProfile
import json
import os
import pstats
import tempfile
import time

STAGES = [
    ("the whole view", "discussion/views.py", "post_comment"),
    ("open the story (published, with its section)", "services/reading.py", "open_story"),
    ("the form (fields, signed token)", "django/forms/forms.py", "is_valid"),
    ("post_comment service", "services/posting.py", "post_comment"),
    ("flood limits (two counters)", "services/limits.py", "take_comment_slots"),
    ("discussion mode and trusted commenter", "services/modes.py", "is_trusted_commenter"),
    ("moderation review", "moderation/pipeline.py", "review"),
    (
        "  its database context (rules, bans, recent comments)",
        "moderation/pipeline.py",
        "gather_context",
    ),
    ("store the comment and two audit lines", "services/posting.py", "_store"),
    ("the JSON answer (a new form token)", "discussion/tokens.py", "issue_form_token"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--posts", type=int, default=200, help="Comments posted under the profiler."
    )
    options = parser.parse_args()
    os.environ.update(
        NEWSDESK_SECRET_KEY="bench-" + "x" * 50,
        NEWSDESK_DATA_DIR=tempfile.mkdtemp(prefix="newsdesk-posting-"),
        DJANGO_SETTINGS_MODULE="newsdesk.config.settings.production",
        NEWSDESK_ALLOWED_HOSTS="testserver",
        NEWSDESK_COMMENT_LIMIT_PER_EMAIL="1000000",
        NEWSDESK_COMMENT_LIMIT_PER_IP="1000000",
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from newsdesk.articles.models import Article

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    story = Article.objects.filter(live=True).first()
    client = Client()
    token = json.loads(client.get("/discussion/token/").content)["token"]
    time.sleep(3.2)  # NEWSDESK_MODERATION_MIN_SECONDS: a form sent sooner is held as suspect
    path = f"/discussion/stories/{story.pk}/comments/"
    sent = [0]

    def post() -> None:
        sent[0] += 1
        n = sent[0]
        response = client.post(
            path,
            {
                "author_name": f"Reader {n}",
                "author_email": f"reader-{n}@example.org",
                "text": f"Comment {n} on the story, posted through the reader form.",
                "token": token,
                "website": "",
            },
            HTTP_ACCEPT="application/json",
            HTTP_ORIGIN="http://testserver",
            REMOTE_ADDR="127.0.0.1",
        )
        assert response.status_code in (200, 201), (response.status_code, response.content[:300])

    for _ in range(10):
        post()
    with CaptureQueriesContext(connection) as queries:
        post()
    print(f"SQL of one post: {len(queries.captured_queries)} statements")
    for query in queries.captured_queries:
        print("   ", " ".join(query["sql"].split())[:110])

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(options.posts):
        post()
    profile.disable()
    stats = pstats.Stats(profile).stats
    cumulative = {}
    for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.items():
        for label, file_part, function in STAGES:
            if name == function and filename.endswith(file_part):
                cumulative[label] = cumulative.get(label, 0) + ct
    whole = cumulative.get(STAGES[0][0]) or 1
    print(f"\nShare of the view's time over {options.posts} posts (cProfile, cumulative):")
    for label, _file, _function in STAGES:
        if label in cumulative:
            print(f"  {label:58} {cumulative[label] / whole:6.1%}")


if __name__ == "__main__":
    main()
