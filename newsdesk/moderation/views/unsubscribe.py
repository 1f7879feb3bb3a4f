"""The digest's unsubscribe page: the signed token in its address is the credential, so it needs
no login and no CSRF token."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from newsdesk.moderation import digest


@csrf_exempt
def unsubscribe(request, token: str):
    """GET asks for confirmation; POST turns the moderation digest off (or back on)."""
    user = digest.user_for_token(token)
    if user is None:
        raise Http404("This link is not valid.")
    done = False
    if request.method == "POST":
        receives = request.POST.get("subscribe") == "1"
        digest.set_digest_preference(user, receives)
        done = True
    preference = getattr(user, "moderation_preference", None)
    receives_digest = preference.receives_digest if preference else True
    return render(
        request,
        "moderation/unsubscribe.html",
        {"receives_digest": receives_digest, "done": done, "token": token},
    )
