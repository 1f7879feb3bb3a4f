"""The live desk in the Wagtail admin: the list of coverage and each coverage's composer.

Views speak HTTP: every change goes through services.py, which checks the permission. The
composer posts in one step (write, Ctrl+Enter) and comes back empty and focused for the next.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.live import roles, services
from newsdesk.live.entry_text import entry_text
from newsdesk.live.forms import (
    EditEntryForm,
    EntryForm,
    QuoteCommentForm,
    StartCoverageForm,
    WithdrawForm,
)
from newsdesk.live.models import CoverageStatus, EntryStatus, LiveCoverage, LiveEntry


def _require_writer(request) -> None:
    if not roles.can_write(request.user):
        raise PermissionDenied


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def index(request):
    """/admin/live/: every coverage, newest first; editors start one from a story."""
    _require_writer(request)
    form = StartCoverageForm(request.POST or None)
    if request.method == "POST":
        if not roles.can_manage(request.user):
            raise PermissionDenied
        if form.is_valid():
            coverage = services.start_coverage(form.cleaned_data["story"], request.user)
            return redirect("live_composer", coverage.pk)
    coverages = (
        LiveCoverage.objects.select_related("story")
        .annotate(posted=Count("entries", filter=Q(entries__status=EntryStatus.POSTED)))
        .order_by("-coverage_start")[:100]
    )
    return TemplateResponse(
        request,
        "live/admin/index.html",
        {
            "coverages": coverages,
            "form": form if roles.can_manage(request.user) else None,
            "page_title": _("Live coverage"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _composer(request, coverage, form, status=200):
    entries = (
        coverage.entries.select_related("agency", "breakout_story", "created_by")
        .prefetch_related("authors")
        .order_by("-posted_at", "-scheduled_for", "-pk")
    )
    waiting = [e for e in entries if e.status in (EntryStatus.DRAFT, EntryStatus.SCHEDULED)]
    return TemplateResponse(
        request,
        "live/admin/composer.html",
        {
            "coverage": coverage,
            "form": form,
            "waiting": waiting,
            "shown": [e for e in entries if e not in waiting][:100],
            "can_post": roles.can_post(request.user),
            "can_manage": roles.can_manage(request.user),
            "statuses": CoverageStatus,
            "quote_form": QuoteCommentForm(),
            "page_title": coverage.story.headline,
        },
        status=status,
    )


def _default_authors(user) -> list:
    author = getattr(user, "author_profile", None)
    return [author.pk] if author is not None else []


def composer(request, coverage_id: int):
    """/admin/live/<id>/: write and post an entry, see drafts, scheduled and posted entries."""
    _require_writer(request)
    coverage = get_object_or_404(LiveCoverage.objects.select_related("story"), pk=coverage_id)
    if request.method != "POST":
        return _composer(
            request, coverage, EntryForm(initial={"authors": _default_authors(request.user)})
        )
    form = EntryForm(request.POST)
    action = request.POST.get("action", "post")
    if not form.is_valid():
        return _composer(request, coverage, form, status=400)
    data = form.cleaned_data
    try:
        entry = services.write_entry(
            coverage,
            request.user,
            body=data["body"],
            headline=data["headline"],
            authors=data["authors"],
            agency=data["agency"],
            key_event=data["key_event"],
            pinned=data["pinned"],
            post=action == "post",
            scheduled_for=data["scheduled_for"] if action == "schedule" else None,
        )
    except ValidationError as error:
        form.add_error(None, _errors(error))
        return _composer(request, coverage, form, status=400)
    except PermissionDenied:
        form.add_error(None, _("Only editors may post or schedule entries: save it as a draft."))
        return _composer(request, coverage, form, status=403)
    done = {
        EntryStatus.POSTED: _("Posted."),
        EntryStatus.SCHEDULED: _("Scheduled."),
        EntryStatus.DRAFT: _("Draft saved: an editor will post it."),
    }
    messages.success(request, done[entry.status])
    return redirect("live_composer", coverage.pk)


def _entry(entry_id: int) -> LiveEntry:
    return get_object_or_404(
        LiveEntry.objects.select_related("coverage__story", "agency"), pk=entry_id
    )


def edit_entry(request, entry_id: int):
    """/admin/live/entry/<id>/: edit a draft, or correct a posted entry; a save made from an
    older version is refused and the editor's text kept in the form beside what is stored."""
    _require_writer(request)
    entry = _entry(entry_id)
    conflict = None
    if request.method == "POST":
        form = EditEntryForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.edit_entry(
                    entry,
                    request.user,
                    version=data["version"],
                    body=data["body"],
                    headline=data["headline"],
                    authors=data["authors"],
                    agency=data["agency"],
                    key_event=data["key_event"],
                    pinned=data["pinned"],
                    correction_note=data["correction_note"],
                    scheduled_for=data["scheduled_for"],
                )
            except services.EditConflict as error:
                conflict = error.current
                form.add_error(
                    None,
                    _(
                        "Someone else saved this entry while you were editing it. Your text is "
                        "kept below; what is stored now is shown beside it. Save again to "
                        "replace it."
                    ),
                )
                # Saving again replaces the stored version knowingly.
                form.data = form.data.copy()
                form.data["version"] = conflict.version
            except ValidationError as error:
                form.add_error(None, _errors(error))
            except PermissionDenied:
                form.add_error(None, _("Only editors may change a posted entry."))
            else:
                messages.success(request, _("Entry saved."))
                return redirect("live_composer", entry.coverage_id)
        status = 409 if conflict else 400
    else:
        form = EditEntryForm(
            initial={
                "headline": entry.headline,
                "text": entry_text(entry.body),
                "authors": list(entry.authors.all()),
                "agency": entry.agency,
                "key_event": entry.key_event,
                "pinned": entry.pinned,
                "scheduled_for": entry.scheduled_for,
                "correction_note": entry.correction_note,
                "version": entry.version,
            }
        )
        status = 200
    return TemplateResponse(
        request,
        "live/admin/edit_entry.html",
        {
            "entry": entry,
            "form": form,
            "conflict": conflict,
            "conflict_text": entry_text(conflict.body) if conflict else "",
            "withdraw_form": WithdrawForm(initial={"version": entry.version}),
            "can_post": roles.can_post(request.user),
            "page_title": _("Edit entry"),
        },
        status=status,
    )


@require_POST
def post_entry(request, entry_id: int):
    _require_writer(request)
    entry = _entry(entry_id)
    try:
        services.post_entry(entry, request.user, version=_posted_version(request))
        messages.success(request, _("Posted."))
    except services.EditConflict:
        messages.error(request, _("The entry changed since you saw it: look again, then post."))
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("live_composer", entry.coverage_id)


def _posted_version(request) -> int:
    """The entry version the list's "Post now" form was made from; 0 (which no entry has, so
    the post is refused as a conflict) when it is missing or not a number."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


@require_POST
def withdraw_entry(request, entry_id: int):
    _require_writer(request)
    entry = _entry(entry_id)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the entry is withdrawn: readers see it."))
        return redirect("live_edit_entry", entry.pk)
    try:
        services.withdraw_entry(
            entry,
            request.user,
            version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Entry withdrawn."))
    except services.EditConflict:
        messages.error(request, _("The entry changed since you saw it: look again, then withdraw."))
        return redirect("live_edit_entry", entry.pk)
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("live_composer", entry.coverage_id)


@require_POST
def break_out(request, entry_id: int):
    _require_writer(request)
    entry = _entry(entry_id)
    try:
        story = services.break_out(entry, request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("live_composer", entry.coverage_id)
    messages.success(request, _("A draft story was made from the entry: edit and publish it."))
    return redirect("wagtailsnippets_articles_article:edit", story.pk)


@require_POST
def set_status(request, coverage_id: int):
    coverage = get_object_or_404(LiveCoverage, pk=coverage_id)
    try:
        services.set_status(coverage, request.POST.get("status", ""), request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("live_composer", coverage.pk)


@require_POST
def quote_comment(request, coverage_id: int):
    """Turn a reader's published comment into a draft entry quoting it."""
    from newsdesk.discussion.models import Comment

    _require_writer(request)
    coverage = get_object_or_404(LiveCoverage, pk=coverage_id)
    form = QuoteCommentForm(request.POST)
    comment = None
    if form.is_valid():
        comment = Comment.objects.filter(pk=form.cleaned_data["comment"]).first()
    if comment is None:
        messages.error(request, _("There is no comment with that number."))
        return redirect("live_composer", coverage.pk)
    try:
        entry = services.entry_from_comment(coverage, comment, request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("live_composer", coverage.pk)
    messages.success(request, _("A draft entry quotes the comment: add context, then post it."))
    return redirect("live_edit_entry", entry.pk)
