"""The vote endpoint behind "Do you like this article?". HTTP only: the work is in services.py."""

from datetime import timedelta
from urllib.parse import urlencode

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    JsonResponse,
)
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsdesk.articles.models import Article
from newsdesk.reactions import checks, services
from newsdesk.reader_requests import HttpResponseSeeOther, from_this_site, reader_ip, wants_json

VOTER_COOKIE = "newsdesk_voter"
VOTER_COOKIE_SALT = "newsdesk.reactions.voter"
VOTER_COOKIE_AGE = timedelta(days=365)
RESULT_PARAM = "reaction"  # ?reaction=yes|no: the story page shows the counts and that answer
REFUSED = "limited"  # ?reaction=limited: the story page says the vote was not counted


# No CSRF token: the form sits on a page cached for everyone, so it cannot hold one. The Origin
# check below refuses cross-site posts instead (docs/apps/reactions.md explains why it suffices).
@csrf_exempt
@require_POST
def vote(request: HttpRequest, story_id: int) -> HttpResponse:
    """Store the reader's answer; answer JSON to fetch(), or redirect (303) back to the story."""
    as_json = wants_json(request)
    if not from_this_site(request):
        return _refusal(HttpResponseForbidden, checks.NOT_FROM_THIS_SITE, as_json)
    story = services.votable_story(story_id)
    choice = request.POST.get("choice")
    verdict = checks.judge_choice(choice)
    if not verdict.allowed:
        return _refusal(HttpResponseBadRequest, verdict.reason, as_json)

    voter_key = request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_COOKIE_SALT)
    voter_key = voter_key or services.new_voter_key()
    try:
        results = services.cast_vote(story, voter_key, choice, reader_ip(request))
    except services.VoteRefused as refusal:
        if as_json:
            response = JsonResponse({"error": str(refusal.reason)}, status=429)
            if refusal.retry_after:
                response["Retry-After"] = str(refusal.retry_after)
        else:
            response = HttpResponseSeeOther(_story_url(story, REFUSED))
    else:
        if as_json:
            response = JsonResponse(results.as_json())
        else:
            response = HttpResponseSeeOther(_story_url(story, choice))
    _remember_voter(request, response, voter_key)
    return response


def _story_url(story: Article, reaction: str) -> str:
    return f"{story.get_absolute_url()}?{urlencode({RESULT_PARAM: reaction})}#reactions"


def _refusal(response_class: type[HttpResponse], reason: object, as_json: bool) -> HttpResponse:
    if as_json:
        return JsonResponse({"error": str(reason)}, status=response_class.status_code)
    return response_class(str(reason), content_type="text/plain; charset=utf-8")


def _remember_voter(request: HttpRequest, response: HttpResponse, voter_key: str) -> None:
    """Set (or renew for another year) the signed cookie naming this voter."""
    response.set_signed_cookie(
        VOTER_COOKIE,
        voter_key,
        salt=VOTER_COOKIE_SALT,
        max_age=VOTER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
