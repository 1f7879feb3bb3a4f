"""The moderation audit log, editors' word lists, banned commenters and moderators' preferences."""

import ipaddress
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.moderation.matching import WordRule, compile_pattern


def language_choices() -> list[tuple[str, str]]:
    """The site's languages, read when the form is built (never at import time)."""
    return [("", _("Every language")), *settings.LANGUAGES]


class ModerationRuleQuerySet(models.QuerySet):
    def active(self) -> "ModerationRuleQuerySet":
        return self.filter(active=True)

    def word_rules(self, kind: str | None = None) -> tuple[WordRule, ...]:
        """The active rules (of one `kind`, or all) as matching rules."""
        rules = self.active()
        if kind is not None:
            rules = rules.filter(kind=kind)
        return tuple(rule.as_word_rule() for rule in rules.order_by("pk"))


class ModerationRule(models.Model):
    """A word, phrase or pattern editors want refused or held, in one language or all."""

    class Kind(models.TextChoices):
        BANNED = "banned", _("Banned word: the comment is refused")
        SUSPECT = "suspect", _("Suspect word: the comment waits for a moderator")
        THREAT = "threat", _("Threat pattern: the comment waits for a moderator")

    pattern = models.CharField(
        _("word, phrase or pattern"),
        max_length=255,
        help_text=_(
            "Case, accents, letters spelt out with dots or spaces, look-alike digits (k1ll) and "
            "repeated letters are ignored. Whole words only; end with * to match every word "
            "starting with it (уничтож*)."
        ),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, db_index=True)
    language = models.CharField(_("language"), max_length=10, blank=True, choices=language_choices)
    is_regex = models.BooleanField(
        _("regular expression"),
        default=False,
        help_text=_("For experts: the pattern is a Python regular expression."),
    )
    active = models.BooleanField(_("active"), default=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Why this rule exists, for other moderators.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ModerationRuleQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "pattern", "pk"]
        verbose_name = _("word list entry")
        verbose_name_plural = _("word lists")
        constraints = [
            models.UniqueConstraint(
                fields=["pattern", "kind", "language"], name="moderation_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return self.pattern

    def clean(self) -> None:
        self.pattern = self.pattern.strip()
        if not self.pattern.rstrip("*").strip():
            raise ValidationError({"pattern": _("Enter a word, phrase or pattern.")})
        try:
            compile_pattern(self.pattern, self.is_regex)
        except re.error as error:
            raise ValidationError(
                {"pattern": _("This is not a valid pattern: %(error)s") % {"error": error}}
            ) from None

    def as_word_rule(self) -> WordRule:
        return WordRule(self.pattern, is_regex=self.is_regex, language=self.language)


class BanQuerySet(models.QuerySet):
    def active(self, now=None) -> "BanQuerySet":
        """Bans in force at `now`: not expired and not lifted."""
        now = now or timezone.now()
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))

    def matching(self, email: str = "", ip_address: str | None = None, now=None) -> list["Ban"]:
        """The active bans covering a commenter's email or IP address (one query)."""
        email = email.strip()
        condition = Q()
        if email:
            condition |= Q(email__iexact=email)
        if ip_address:
            condition |= ~Q(ip_network="")
        if not condition:
            return []
        return [ban for ban in self.active(now).filter(condition) if ban.covers(email, ip_address)]


class Ban(models.Model):
    """A commenter banned by email, IP address or IP range: their new comments are held or dropped.

    The commenter is never told. Lifting a ban ends it now and keeps the record.
    """

    class Action(models.TextChoices):
        HOLD = "hold", _("Hold their comments for a moderator")
        DROP = "drop", _("Drop their comments silently")

    email = models.EmailField(_("email"), blank=True, db_index=True)
    ip_network = models.CharField(
        _("IP address or range"),
        max_length=49,
        blank=True,
        help_text=_("One address (203.0.113.7) or a range (203.0.113.0/24, 2001:db8:1::/48)."),
    )
    action = models.CharField(_("action"), max_length=4, choices=Action.choices, default="hold")
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("For moderators; never shown to the commenter.")
    )
    comment = models.ForeignKey(
        "discussion.Comment",
        verbose_name=_("comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The comment that led to the ban, if any."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("banned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("banned at"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("ends at"), null=True, blank=True, help_text=_("Empty: until a moderator lifts it.")
    )

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("banned commenter")
        verbose_name_plural = _("banned commenters")
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(ip_network=""), name="ban_names_email_or_ip"
            )
        ]

    def __str__(self) -> str:
        return " / ".join(part for part in (self.email, self.ip_network) if part)

    def clean(self) -> None:
        self.email = self.email.strip().lower()
        self.ip_network = self.ip_network.strip()
        if not self.email and not self.ip_network:
            raise ValidationError(_("Give an email address, an IP address or a range, or both."))
        if self.ip_network:
            try:
                self.ip_network = str(ipaddress.ip_network(self.ip_network, strict=False))
            except ValueError:
                raise ValidationError(
                    {"ip_network": _("Enter an IP address or a range such as 203.0.113.0/24.")}
                ) from None

    def is_active(self, now=None) -> bool:
        return self.expires_at is None or self.expires_at > (now or timezone.now())

    def covers(self, email: str = "", ip_address: str | None = None) -> bool:
        """Whether this ban names `email` or contains `ip_address`."""
        if self.email and email and self.email.lower() == email.strip().lower():
            return True
        if self.ip_network and ip_address:
            try:
                return ipaddress.ip_address(ip_address) in ipaddress.ip_network(
                    self.ip_network, strict=False
                )
            except ValueError:
                return False
        return False


class ModerationDecision(models.Model):
    """One decision on a comment, automatic or by a moderator: the audit log's line."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        HELD = "held", _("Held for review")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Marked as spam")
        DROPPED = "dropped", _("Dropped (banned commenter)")
        EDITED = "edited", _("Edited")
        BANNED = "banned", _("Commenter banned")
        UNBANNED = "unbanned", _("Ban lifted")
        ERASED = "erased", _("Personal data erased")

    comment = models.ForeignKey(
        "discussion.Comment",
        verbose_name=_("comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    story = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ban = models.ForeignKey(
        Ban,
        verbose_name=_("ban"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the decision was automatic."),
    )
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    score = models.FloatField(
        _("abuse score"),
        null=True,
        blank=True,
        help_text=_("The scorer's highest score (0 to 1) when the decision was made."),
    )
    model_version = models.CharField(
        _("model version"),
        max_length=40,
        blank=True,
        help_text=_("The version of the scorer's model that gave the score."),
    )
    note = models.TextField(_("note"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation log")
        permissions = [
            # Everything stored about one commenter, for their data request; see roles.py.
            ("export_commenter_data", _("Can export a commenter's data")),
        ]

    def __str__(self) -> str:
        who = self.actor or _("automatic")
        return f"{self.get_action_display()} by {who} at {self.decided_at:%Y-%m-%d %H:%M}"

    @property
    def automatic(self) -> bool:
        return self.actor_id is None

    @property
    def decided_by(self) -> str:
        """ "automatic" or the moderator's user name, for the log and its export."""
        if self.actor_id is None:
            return str(_("automatic"))
        return self.actor.get_username() if self.actor else ""

    @property
    def reasons_summary(self) -> str:
        """Each reason as "check: reason", one per line, for the log and its export."""
        return "\n".join(
            f"{r.get('check', '')}: {r.get('reason', '')}".strip(": ") for r in self.reasons
        )


class ModeratorPreference(models.Model):
    """What a moderator wants by email; absent means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="moderation_preference",
    )
    receives_digest = models.BooleanField(
        _("email me a digest of the moderation queue"), default=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("moderator preference")
        verbose_name_plural = _("moderator preferences")

    def __str__(self) -> str:
        return f"{self.user}: digest {'on' if self.receives_digest else 'off'}"


def _unit_interval(value: float | None) -> None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise ValidationError(_("Enter a score from 0 to 1."))


class ScorerThresholdQuerySet(models.QuerySet):
    def for_site(self, site_id: int | None) -> "ScorerThresholdQuerySet":
        """The thresholds that may apply on `site_id`: its own and those for every site."""
        return self.filter(Q(site__isnull=True) | Q(site_id=site_id))


class ScorerThreshold(models.Model):
    """From which scores the model holds a comment, for one site and language (or all of them).

    The most specific row wins: this site and language, this site, this language, then every
    site and language; without any row, the model's own recommendation for the language.
    Scores only ever hold a comment: refusing is for explicit calls to kill (the patterns).
    """

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: every site."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=language_choices,
        help_text=_("The comment's language; empty: every language."),
    )
    abuse_hold = models.FloatField(
        _("hold from abuse score"),
        null=True,
        blank=True,
        validators=[_unit_interval],
        help_text=_(
            "0 to 1. A comment scoring this or more for abuse waits for a moderator. Lower holds "
            "more. Empty: the model's recommendation for the language."
        ),
    )
    threat_hold = models.FloatField(
        _("hold from threat score"),
        null=True,
        blank=True,
        validators=[_unit_interval],
        help_text=_("0 to 1, as above, for threats of violence. Empty: the site's default."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Why, for other moderators."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScorerThresholdQuerySet.as_manager()

    class Meta:
        ordering = ["site", "language", "pk"]
        verbose_name = _("scorer threshold")
        verbose_name_plural = _("scorer thresholds")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "language"],
                condition=Q(site__isnull=False),
                name="scorer_threshold_site_language",
            ),
            # "Every site" is a NULL site, which a plain unique constraint would not compare.
            models.UniqueConstraint(
                fields=["language"],
                condition=Q(site__isnull=True),
                name="scorer_threshold_every_site_language",
            ),
        ]

    def __str__(self) -> str:
        site = str(self.site) if self.site_id else _("every site")
        language = self.get_language_display() if self.language else _("every language")
        return f"{site}, {language}"

    @property
    def specificity(self) -> int:
        """How closely the row fits: site counts more than language."""
        return (2 if self.site_id else 0) + (1 if self.language else 0)
