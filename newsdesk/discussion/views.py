"""Reader views of the discussion. HTTP only: posting and reading are in services/.

The comment form is posted without Django's CSRF cookie so that story pages stay the same for
every reader and cacheable; the POST is checked against its Origin (or Referer) instead, and
the signed form token guards against replays. See docs/discussion-caching.md.
"""

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from newsdesk.articles.models import DiscussionMode
from newsdesk.delivery import tag_response
from newsdesk.discussion import services
from newsdesk.discussion.forms import CommentForm
from newsdesk.discussion.models import Comment
from newsdesk.discussion.threads import ThreadNode
from newsdesk.discussion.tokens import (
    TokenInvalid,
    issue_form_token,
    posted_token,
    read_posted_token,
    read_unsubscribe_token,
)
from newsdesk.editions.services import language_of
from newsdesk.reader_requests import HttpResponseSeeOther, from_this_site, reader_ip, wants_json


def _form_page(
    request: HttpRequest, story, form: CommentForm, *, parent=None, status: int = 200
) -> TemplateResponse:
    title = (
        gettext("Reply to %(name)s") % {"name": parent.author_name}
        if parent is not None
        else gettext("Your comment")
    )
    site_settings = services.discussion_settings(request)
    return TemplateResponse(
        request,
        "discussion/comment_form_page.html",
        {
            "story": story,
            "story_url": story.get_absolute_url(),
            "title": title,
            "form": form,
            "parent_node": ThreadNode(parent, level=0) if parent is not None else None,
            "is_open": services.discussion_mode(story, site_settings) != DiscussionMode.CLOSED,
        },
        status=status,
    )


def _refused(request: HttpRequest, story, form: CommentForm) -> HttpResponse:
    """The form again, with the reader's text and the errors at the fields (400)."""
    form.prepare_to_show_again()
    if wants_json(request):
        errors = {
            name: [error["message"] for error in field_errors]
            for name, field_errors in form.errors.get_json_data().items()
        }
        return JsonResponse({"errors": errors, "token": form.data["token"]}, status=400)
    parent = form.cleaned_data.get("parent") if hasattr(form, "cleaned_data") else None
    return _form_page(request, story, form, parent=parent, status=400)


def _limited(
    request: HttpRequest, story, form: CommentForm, limited: services.CommentLimited
) -> HttpResponse:
    """Too many comments lately (429): the form again with the reader's text and when to retry."""
    form.add_error(None, limited.message)
    response = _refused(request, story, form)
    response.status_code = 429
    response["Retry-After"] = str(limited.retry_after)
    return response


@csrf_exempt
@require_POST
def post_comment(request: HttpRequest, story_id: int) -> HttpResponse:
    """Post the comment form: 303 to the outcome page, or JSON for the page's script."""
    if not from_this_site(request):
        return HttpResponseForbidden(gettext("Comments can only be sent from this site's pages."))
    story = services.open_story(story_id)
    # A comment belongs to its story's edition, whatever address it was posted to: its language
    # (word lists, reply emails) and the pages answering it are the edition's.
    translation.activate(language_of(story.locale))
    form = CommentForm(request.POST, story=story)
    if not form.is_valid():
        return _refused(request, story, form)
    user = request.user if request.user.is_authenticated else None
    try:
        posted = services.post_comment(
            story,
            form.form_token,
            author_name=form.cleaned_data["author_name"],
            author_email=form.cleaned_data["author_email"],
            text=form.cleaned_data["text"],
            parent=form.cleaned_data["parent"],
            notify_on_reply=form.cleaned_data["notify_on_reply"],
            honeypot=form.honeypot,
            ip_address=reader_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            user=user,
            language=get_language(),
            site_settings=services.discussion_settings(request),
        )
    except services.CommentLimited as limited:
        return _limited(request, story, form, limited)
    outcome = posted.outcome
    if outcome.refused:
        form.add_error("text", [outcome.message, *outcome.reasons])
        return _refused(request, story, form)
    status_url = reverse("discussion:posted", args=[posted_token(posted.comment.pk)])
    if not wants_json(request):
        return HttpResponseSeeOther(status_url)
    payload = {
        "status": outcome.kind,
        "message": outcome.message,
        "reasons": list(outcome.reasons),
        "comment_id": posted.comment.pk,
        "parent_id": posted.comment.parent_id,
        "status_url": status_url,
        "token": issue_form_token(),
    }
    if outcome.published:
        payload["comment_html"] = _comment_html(posted.comment)
        payload["count_heading"] = services.comment_count_heading(services.visible_count(story))
    return JsonResponse(payload, status=200 if posted.duplicate else 201)


def _comment_html(comment: Comment) -> str:
    address, _anchor = services.comment_url(comment).split("#", 1)
    return render_to_string(
        "discussion/thread_item.html",
        {
            "node": services.reply_node(comment),
            "story_url": address,
            "page_query": "",
            "is_open": True,
        },
    )


@never_cache
@require_GET
def form_token(request: HttpRequest) -> JsonResponse:
    """A fresh form token, fetched by the page's script when the reader opens the story."""
    return JsonResponse({"token": issue_form_token()})


@never_cache
@require_GET
def posted(request: HttpRequest, token: str) -> TemplateResponse:
    """What became of a posted comment, for its author (the token names the comment)."""
    try:
        comment_id = read_posted_token(token)
    except TokenInvalid:
        raise Http404("No such comment.") from None
    comment = get_object_or_404(
        Comment.objects.select_related("story", "story__section"), pk=comment_id
    )
    outcome = services.reader_outcome(comment)
    titles = {
        services.Outcome.PUBLISHED: gettext("Your comment is published"),
        services.Outcome.HELD: gettext("Your comment is waiting for a moderator"),
        services.Outcome.REFUSED: gettext("Your comment was not published"),
    }
    story_url = comment.story.get_absolute_url()
    return TemplateResponse(
        request,
        "discussion/posted.html",
        {
            "comment": comment,
            "outcome": outcome,
            "title": titles[outcome.kind],
            "story_url": story_url,
            "back_url": fresh_address(services.comment_url(comment), comment.pk)
            if outcome.published
            else story_url + "#comments",
        },
    )


@require_GET
def reply(request: HttpRequest, comment_id: int) -> TemplateResponse:
    """The reply page for readers without JavaScript: the comment, and the form under it."""
    parent = services.shown_comment(comment_id)
    form = CommentForm(story=parent.story, initial={"parent": parent.pk})
    return _form_page(request, parent.story, form, parent=parent)


@require_GET
def policy(request: HttpRequest) -> TemplateResponse:
    """The full comment policy in the reader's language (or English, or the built-in text)."""
    response = TemplateResponse(
        request, "discussion/policy_page.html", {"policy": services.comment_policy()}
    )
    return tag_response(response, ["nav", "policy"])


@never_cache
@csrf_exempt  # the signed token in the address is the secret; mail clients POST one-click
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> TemplateResponse:
    """Confirm, then stop reply notifications to the email address the token names."""
    try:
        email = read_unsubscribe_token(token)
    except TokenInvalid:
        raise Http404("No such address.") from None
    done = request.method == "POST"
    if done:
        services.stop_reply_notifications(email)
    return TemplateResponse(request, "discussion/unsubscribe.html", {"email": email, "done": done})


def fresh_address(url: str, comment_id: int) -> str:
    """`url` with `comment=<id>` added: an address no browser or proxy cached before the comment
    appeared, so the reader who just posted it sees it at once, not after the cache expires."""
    path, _, anchor = url.partition("#")
    separator = "&" if "?" in path else "?"
    return f"{path}{separator}comment={comment_id}" + (f"#{anchor}" if anchor else "")
