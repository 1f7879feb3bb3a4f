"""Template tags for the story page: the "Do you like this article?" block."""

from django import template
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.reactions import checks, services
from newsdesk.reactions.models import Choice
from newsdesk.reactions.views import REFUSED, RESULT_PARAM

register = template.Library()


@register.inclusion_tag("reactions/story_reactions.html", takes_context=True)
def story_reactions(context: template.Context, article: Article) -> dict:
    """The Yes / No form under a story; with ?reaction=yes|no, the counts and that answer too.

    Without the parameter the block is the same for every reader and reads nothing from the
    database, so the cached story page holds no per-reader data and costs no extra query.
    """
    request = context.get("request")
    shown = request.GET.get(RESULT_PARAM) if request is not None else None
    block = {
        "article": article,
        "vote_url": reverse("reactions:vote", args=[article.pk]),
        "blank": services.Results(),
    }
    if shown in Choice.values:
        block["results"] = services.results_for(article, shown)
    elif shown == REFUSED:
        block["refused"] = checks.RATE_LIMITED
    return block
