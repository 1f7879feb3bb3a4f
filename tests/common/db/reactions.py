from itertools import count

from newsdesk.articles.models import Article
from newsdesk.reactions import services

_voters = count(1)


def vote(
    story: Article, choice: str = "yes", *, voter_key: str | None = None, ip: str | None = None
):
    """One reader's answer on `story`, through the same service the reader form uses."""
    n = next(_voters)
    return services.cast_vote(
        story,
        voter_key or f"test-voter-{n}",
        choice,
        ip or f"198.51.{n // 256 % 256}.{n % 256}",
    )


def make_votes(story: Article, yes: int = 0, no: int = 0) -> None:
    """`yes` and `no` answers on `story`, each from a different reader and IP."""
    for choice, times in (("yes", yes), ("no", no)):
        for _ in range(times):
            vote(story, choice)
