"""The moderation queue: Wagtail's snippet views for discussion.Comment, and one-comment actions."""

from urllib.parse import urlencode

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import BaseButton, Button
from wagtail.snippets.views import snippets as snippet_views

from newsdesk.discussion.models import Comment
from newsdesk.moderation import services
from newsdesk.moderation.filters import check_label
from newsdesk.moderation.forms import BanCommenterForm, ModerationNoteForm
from newsdesk.moderation.models import Ban
from newsdesk.moderation.roles import BAN_COMMENTERS, can_moderate, has_permission

QUEUE_URL = "wagtailsnippets_discussion_comment:list"
COMMENT_URLS = "wagtailsnippets_discussion_comment"

DECISION_LABELS = {
    services.APPROVE: gettext_lazy("Approve"),
    services.REJECT: gettext_lazy("Reject"),
    services.SPAM: gettext_lazy("Mark as spam"),
}
DECISION_DONE = {
    services.APPROVE: gettext_lazy("Comment by %(name)s approved: readers can see it."),
    services.REJECT: gettext_lazy("Comment by %(name)s rejected."),
    services.SPAM: gettext_lazy("Comment by %(name)s marked as spam."),
}


def comment_excerpt(comment: Comment) -> str:
    """The start of a comment, for lists and titles."""
    return Truncator(" ".join(comment.text.split())).chars(140)


def comment_reasons(comment: Comment) -> list[dict]:
    """Every reason the comment was flagged, with the check's readable name."""
    return [
        {
            **reason,
            "label": check_label(reason.get("check", "")),
            "reason": _(reason["reason"]) if reason.get("reason") else "",
        }
        for reason in comment.moderation_reasons or []
    ]


def action_url(comment: Comment, decision: str, next_url: str = "") -> str:
    url = reverse(f"{COMMENT_URLS}:moderate", args=[quote(comment.pk), decision])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def decision_buttons(comment: Comment, next_url: str = "") -> list[BaseButton]:
    """Approve, reject and spam buttons for a comment (those that would change its status).

    With JavaScript they post at once; without, they open a confirmation page.
    """
    buttons = []
    for priority, (decision, (status, _action)) in enumerate(services.DECISIONS.items()):
        if comment.status == status:
            continue
        url = action_url(comment, decision, next_url)
        buttons.append(
            BaseButton(
                DECISION_LABELS[decision],
                url=url,
                classname="button button-small button-secondary",
                attrs={
                    "data-controller": "w-action",
                    "data-action": "w-action#post",
                    "data-w-action-url-value": url,
                    "aria-label": f"{DECISION_LABELS[decision]}: {comment_excerpt(comment)}",
                },
                priority=priority,
            )
        )
    return buttons


def _next_or(request, default: str) -> str:
    return get_valid_next_url_from_request(request) or default


# The queue: Wagtail's snippet views for discussion.Comment, made for moderators.


class CommentIndexView(snippet_views.IndexView):
    """The queue: pending comments by default, every flag shown, decisions one click away.

    Sorting by the abuse score puts unscored comments last either way, then the longest waiting.
    """

    def order_queryset(self, queryset):
        if self.ordering in ("moderation_score", "-moderation_score"):
            score = F("moderation_score")
            by_score = (
                score.desc(nulls_last=True)
                if self.ordering.startswith("-")
                else score.asc(nulls_last=True)
            )
            return queryset.order_by(by_score, "submitted_at", "pk")
        return super().order_queryset(queryset)

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column_class = self._get_title_column_class(column_class)
        return column_class(
            "text",
            label=gettext_lazy("Comment"),
            accessor=comment_excerpt,
            get_url=self.get_inspect_url,
            get_title_id=lambda instance: f"snippet_{quote(instance.pk)}_title",
        )

    def get_list_more_buttons(self, instance):
        buttons = []
        if can_moderate(self.request.user):
            buttons += decision_buttons(instance, self.request.get_full_path())
        buttons += super().get_list_more_buttons(instance)
        if has_permission(self.request.user, BAN_COMMENTERS):
            buttons.append(
                Button(
                    gettext_lazy("Ban the commenter"),
                    url=reverse(f"{COMMENT_URLS}:ban", args=[quote(instance.pk)]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class CommentInspectView(snippet_views.InspectView):
    """One comment with everything moderators need: flags, edits, audit lines, bans, actions."""

    template_name = "moderation/comment_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Comment.objects.select_related("story", "parent", "moderated_by"), pk=self.pk
        )

    def get_page_subtitle(self):
        return comment_excerpt(self.object)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if has_permission(self.request.user, BAN_COMMENTERS):
            buttons.append(
                Button(
                    _("Ban the commenter"),
                    url=reverse(f"{COMMENT_URLS}:ban", args=[quote(self.object.pk)]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.object
        context.update(
            comment=comment,
            reasons=comment_reasons(comment),
            edits=comment.edits.select_related("editor"),
            decisions=comment.decisions.select_related("actor"),
            bans=Ban.objects.matching(comment.author_email, comment.ip_address),
            other_comments=Comment.objects.filter(author_email__iexact=comment.author_email)
            .exclude(pk=comment.pk)
            .count(),
            decision_buttons=decision_buttons(comment, self.request.get_full_path())
            if can_moderate(self.request.user)
            else [],
        )
        return context


class CommentEditView(snippet_views.EditView):
    """Edit a comment's name and text through services.edit_comment, so the edit is recorded."""

    def save_instance(self):
        data = self.form.cleaned_data
        services.edit_comment(
            self.request.user,
            self.object,
            author_name=data["author_name"],
            text=data["text"],
        )
        return self.object

    def get_success_message(self):
        return _("Comment by %(name)s updated; the edit is recorded.") % {
            "name": self.object.author_name
        }

    def get_success_url(self):
        return reverse(f"{COMMENT_URLS}:inspect", args=[quote(self.object.pk)])


class CommentActionView(WagtailAdminTemplateMixin, FormView):
    """Confirm (GET) and apply (POST) one decision on one comment."""

    template_name = "moderation/confirm_comment_action.html"
    form_class = ModerationNoteForm
    header_icon = "comment"

    def dispatch(self, request, *args, pk, decision, **kwargs):
        if decision not in services.DECISIONS:
            raise Http404
        if not can_moderate(request.user):
            raise PermissionDenied
        self.decision = decision
        self.comment = get_object_or_404(Comment.objects.select_related("story"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return DECISION_LABELS[self.decision]

    def get_page_subtitle(self):
        return comment_excerpt(self.comment)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(QUEUE_URL), "label": _("Queue")},
            {
                "url": reverse(f"{COMMENT_URLS}:inspect", args=[quote(self.comment.pk)]),
                "label": self.get_page_subtitle(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        next_url = get_valid_next_url_from_request(self.request)
        return super().get_context_data(
            comment=self.comment,
            reasons=comment_reasons(self.comment),
            next=next_url,
            cancel_url=next_url
            or reverse(f"{COMMENT_URLS}:inspect", args=[quote(self.comment.pk)]),
            **kwargs,
        )

    def form_valid(self, form):
        changed = services.moderate_comment(
            self.request.user, self.comment, self.decision, note=form.cleaned_data["note"]
        )
        if changed:
            messages.success(
                self.request, DECISION_DONE[self.decision] % {"name": self.comment.author_name}
            )
        else:
            messages.warning(self.request, _("The comment already had that status."))
        return redirect(_next_or(self.request, reverse(QUEUE_URL)))


class BanFromCommentView(WagtailAdminTemplateMixin, FormView):
    """Ban the author of a comment by email, IP address or network."""

    template_name = "moderation/ban_commenter.html"
    form_class = BanCommenterForm
    header_icon = "cross"
    page_title = gettext_lazy("Ban the commenter")

    def dispatch(self, request, *args, pk, **kwargs):
        if not has_permission(request.user, BAN_COMMENTERS):
            raise PermissionDenied
        self.comment = get_object_or_404(Comment, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.comment.author_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(QUEUE_URL), "label": _("Queue")},
            {
                "url": reverse(f"{COMMENT_URLS}:inspect", args=[quote(self.comment.pk)]),
                "label": comment_excerpt(self.comment),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "comment": self.comment}

    def get_context_data(self, **kwargs):
        return super().get_context_data(comment=self.comment, **kwargs)

    def form_valid(self, form):
        services.ban_commenter(self.request.user, **form.ban_arguments())
        messages.success(
            self.request,
            _("%(name)s is banned. Their new comments will be held or dropped silently.")
            % {"name": self.comment.author_name},
        )
        return redirect(reverse(f"{COMMENT_URLS}:inspect", args=[quote(self.comment.pk)]))
