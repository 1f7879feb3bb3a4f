"""Reader comments under stories, threaded, each with the moderation status it has reached;
the site's discussion settings and the comment policy editors write per language."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

from newsdesk.articles.models import DiscussionMode


class CommentQuerySet(models.QuerySet):
    def visible(self) -> "CommentQuerySet":
        """Comments readers see: approved ones."""
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    """A reader's comment on a story, or a reply to another comment."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    story = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
    )
    thread_root = models.ForeignKey(
        "self",
        verbose_name=_("thread"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="thread_replies",
        help_text=_("The comment on the story that this reply's thread starts from."),
    )
    depth = models.PositiveSmallIntegerField(
        _("depth"), default=0, help_text=_("0 for a comment on the story, 1 for a reply, ...")
    )
    author_name = models.CharField(_("name"), max_length=100)
    author_email = models.EmailField(_("email"), help_text=_("Never shown to readers."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    is_staff_comment = models.BooleanField(
        _("staff"), default=False, help_text=_("Posted by a signed-in member of staff.")
    )
    text = models.TextField(_("comment"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    moderation_reasons = models.JSONField(
        _("why it was flagged"),
        default=list,
        blank=True,
        help_text=_("Each automatic check that flagged it: check, action and reason."),
    )
    moderation_score = models.FloatField(
        _("abuse score"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The scorer's highest score (abuse or threat, 0 to 1) when it was posted."),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    notify_on_reply = models.BooleanField(_("email me when someone replies"), default=False)
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("The language the commenter read the site in; their emails use it."),
    )
    reply_notified_at = models.DateTimeField(
        _("reply notification sent at"),
        null=True,
        blank=True,
        help_text=_("When the parent comment's author was emailed about this reply."),
    )
    submission_key = models.UUIDField(
        _("submission key"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("One per submitted form, so a form sent twice is stored once."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["story", "status", "submitted_at"], name="comment_story_status"),
            models.Index(fields=["author_email"], name="comment_author_email"),
            # The moderation pipeline's per-address lookups (recent comments from one IP).
            models.Index(fields=["ip_address", "submitted_at"], name="comment_ip_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        # Stored lower-cased whoever stores it, so "the same commenter" is an indexed equality.
        self.author_email = (self.author_email or "").strip().lower()
        # A reply's depth and thread are derived from its parent whoever creates it (the reader
        # form, an import, the admin), so threads load in one query by `thread_root`.
        if self._state.adding and self.parent_id is not None and self.thread_root_id is None:
            parent = self.parent
            self.thread_root_id = parent.thread_root_id or parent.pk
            self.depth = parent.depth + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The story page that shows this comment, on the right page of threads, at its anchor."""
        from newsdesk.discussion.services import comment_url

        return comment_url(self)

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.APPROVED


class CommentEdit(models.Model):
    """A moderator's edit of a comment: who, when, and the text before and after."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="edits")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)
    name_before = models.CharField(max_length=100)
    name_after = models.CharField(max_length=100)
    text_before = models.TextField()
    text_after = models.TextField()

    class Meta:
        ordering = ["edited_at", "pk"]
        verbose_name = _("comment edit")

    def __str__(self) -> str:
        return f"Edit of comment {self.comment_id} at {self.edited_at:%Y-%m-%d %H:%M}"


def site_discussion_modes() -> list[tuple[str, str]]:
    """The modes a site can default to: every story mode except "as set for the site"."""
    return [(mode.value, mode.label) for mode in DiscussionMode if mode.value]


@register_setting(icon="comment")
class DiscussionSettings(BaseSiteSetting):
    """How reader comments work across the site, unless a story says otherwise."""

    default_mode = models.CharField(
        _("comments on stories"),
        max_length=10,
        choices=site_discussion_modes,
        default=DiscussionMode.PRE_MODERATED,
        help_text=_('Used by every story whose own setting is "As set for the whole site".'),
    )
    close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        default=0,
        help_text=_(
            "Stories stop taking comments this many days after first publication; 0: never."
        ),
    )
    trusted_after_approved = models.PositiveIntegerField(
        _("trust commenters after (approved comments)"),
        default=0,
        help_text=_(
            "A commenter with this many approved comments and none rejected skips "
            "pre-moderation; 0: nobody does."
        ),
    )

    panels = [
        FieldPanel("default_mode"),
        FieldPanel("close_after_days"),
        FieldPanel("trusted_after_approved"),
    ]

    class Meta:
        verbose_name = _("reader comments")


def policy_languages() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)


class CommentPolicy(models.Model):
    """The comment policy in one language: a short summary above the form, and the full text."""

    language = models.CharField(_("language"), max_length=10, choices=policy_languages, unique=True)
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Two or three sentences shown above the comment form."),
    )
    text = RichTextField(
        _("full policy"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        help_text=_('The page readers reach from "Comment Policy".'),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [FieldPanel("language"), FieldPanel("summary"), FieldPanel("text")]

    class Meta:
        ordering = ["language"]
        verbose_name = _("comment policy")
        verbose_name_plural = _("comment policies")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name.capitalize()} ({self.get_language_display()})"
