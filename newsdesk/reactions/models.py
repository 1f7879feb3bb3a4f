"""Readers' answers to "Do you like this article?": one changeable vote per reader, and tallies."""

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Cast, NullIf
from django.utils.translation import gettext_lazy as _


class Choice(models.TextChoices):
    """A reader's answer."""

    YES = "yes", _("Yes")
    NO = "no", _("No")


class Reaction(models.Model):
    """One reader's answer on one story; a changed answer updates this row, never adds one."""

    story = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="reactions",
    )
    voter_key = models.CharField(
        _("voter key"),
        max_length=64,
        help_text=_("The random id in the reader's signed cookie; not linked to a person."),
    )
    choice = models.CharField(_("answer"), max_length=3, choices=Choice.choices)
    ip_hash = models.CharField(
        _("IP hash"),
        max_length=64,
        help_text=_("A keyed hash of the reader's IP address, for rate limits; never the address."),
    )
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(fields=["story", "voter_key"], name="reaction_one_per_voter"),
            models.CheckConstraint(
                condition=models.Q(choice__in=Choice.values), name="reaction_choice_yes_or_no"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_choice_display()} on {self.story_id}"


class ReactionTally(models.Model):
    """A story's running count of answers, moved in the same transaction as each vote.

    Readers' pages and the admin's sortable columns read this one row instead of counting
    `Reaction` rows, so their cost does not grow with the number of votes. `answers` and
    `approval` are computed by the database from the two counts whenever a statement writes
    them (a vote's UPDATE, a recount, an edit by hand), so they can never disagree with the
    counts; they exist to be indexed for the admin's sorts.
    """

    story = models.OneToOneField(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="reaction_tally",
    )
    yes_count = models.PositiveIntegerField(_("yes"), default=0)
    no_count = models.PositiveIntegerField(_("no"), default=0)
    answers = models.GeneratedField(
        expression=F("yes_count") + F("no_count"),
        output_field=models.PositiveIntegerField(_("answers")),
        db_persist=True,
    )
    # The share of Yes in percent, unrounded; NULL, not 0, before anyone answers, so that
    # "no answers" sorts apart from "nobody liked it". Written as the admin computed it before
    # it was stored, so that ties stay ties.
    approval = models.GeneratedField(
        expression=Cast("yes_count", models.FloatField())
        * Value(100.0)
        / NullIf(F("yes_count") + F("no_count"), 0),
        output_field=models.FloatField(_("approval"), null=True),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("reaction tally")
        verbose_name_plural = _("reaction tallies")
        # For the story list sorted by a reaction column: the first page is read from one of
        # these, in order, among the stories that have answers (wagtail_hooks.py). Ties go to
        # more answers, then the newest story, in either direction, so each direction has its
        # own index.
        indexes = [
            models.Index(
                fields=[f"{sign}{column}", "-answers", "-story"],
                condition=Q(answers__gt=0),
                name=f"reaction_tally_{short}_{'desc' if sign else 'asc'}",
            )
            for column, short in (("yes_count", "yes"), ("no_count", "no"), ("approval", "appr"))
            for sign in ("-", "")
        ]

    def __str__(self) -> str:
        return f"{self.story_id}: {self.yes_count} yes, {self.no_count} no"
