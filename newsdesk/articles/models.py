"""Stories: the headline, byline, dateline, body and photos a reader sees, and their corrections.

A story is a Wagtail snippet with Wagtail's own drafts, revisions, locking, workflow, preview and
scheduling, not a page: see docs/decisions/stories-as-snippets.md for the measurement behind this.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from newsdesk.articles.blocks import StoryBodyBlock, body_plain_text
from newsdesk.articles.embargo import Embargoed, embargo_refusal
from newsdesk.articles.forms import ArticleForm
from newsdesk.editions.panels import TranslationsPanel


class ArticleQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """Stories a reader may see.

        A scheduled story stays not live until `newsdesk publish_scheduled` publishes it at its
        go-live time, so `live` decides. Publishing always sets `first_published_at`; saying so
        lets the newest-first index skip the undated drafts, which it keeps first.
        """
        return self.filter(live=True, first_published_at__isnull=False)

    def newest_first(self) -> "ArticleQuerySet":
        return self.order_by("-first_published_at", "-pk")

    def with_status(self) -> "ArticleQuerySet":
        """Fetch what `status_string` needs for the whole list, not two queries per story."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Revision, WorkflowState

        scheduled = Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Article),
            object_id=Cast(models.OuterRef("pk"), output_field=models.CharField()),
            approved_go_live_at__isnull=False,
        )
        return self.annotate(_approved_schedule=models.Exists(scheduled)).prefetch_related(
            models.Prefetch(
                "_workflow_states",
                queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
                to_attr="_current_workflow_states",
            )
        )


class StoryBodyField(StreamField):
    """The body's StreamField: whatever is saved or updated passes through its blocks.

    Wagtail writes raw JSON (a list, a string, or items of a StreamValue it has not converted)
    back as it came; converting it first sends every paragraph through the sanitiser
    (blocks.StoryTextBlock), for imports and `QuerySet.update()` as for the editor.
    """

    def get_db_prep_save(self, value, connection):
        return super().get_db_prep_save(self.converted(value), connection)

    def converted(self, value):
        """`value` as a StreamValue whose every item went through its block."""
        if isinstance(value, str | list):
            value = self.to_python(value)
        if isinstance(value, StreamValue):
            for _child in value:  # converts each raw item
                pass
        return value


class DiscussionMode(models.TextChoices):
    """How reader comments under a story are moderated."""

    SITE_DEFAULT = "", _("As set for the whole site")
    PRE_MODERATED = "pre", _("Pre-moderated: every comment waits for a moderator")
    POST_MODERATED = "post", _("Post-moderated: comments appear unless a check holds them")
    CLOSED = "closed", _("Closed: no new comments")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.Article", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Article(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A news story, from first draft to published, corrected and updated.

    Each language edition's version of a story is its own `Article` (Wagtail's TranslatableMixin:
    the same `translation_key`, another `locale`), published on its own with its own byline,
    dateline, photos' captions and corrections (docs/editions.md).
    """

    headline = models.CharField(_("headline"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        blank=True,
        allow_unicode=True,
        help_text=_("The last part of the story's address. Made from the headline if left empty."),
    )
    kicker = models.CharField(
        _("kicker"), max_length=100, blank=True, help_text=_("A short label above the headline.")
    )
    standfirst = models.TextField(
        _("standfirst"), blank=True, help_text=_("One or two sentences under the headline.")
    )
    section = models.ForeignKey(
        "sections.SectionPage",
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="stories",
    )
    dateline = models.CharField(
        _("dateline"),
        max_length=100,
        blank=True,
        help_text=_('Where the story was reported from, e.g. "ANKARA". Shown before the text.'),
    )
    lead_photo = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("lead photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StoryBodyField(StoryBodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    # DraftStateMixin's field, without its single-column index: lists sort by date and id, and
    # PostgreSQL kept choosing that index over the ones in Meta that match the sort.
    first_published_at = models.DateTimeField(
        _("first published at"), blank=True, null=True, db_index=False
    )
    updated_at = models.DateTimeField(
        _("updated at"),
        null=True,
        blank=True,
        help_text=_("Shown to readers as the update time. Set when the story changes materially."),
    )

    embargo_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_(
            "The story cannot be published before this time, whatever its schedule says "
            "(set by wire copy sent ahead of its release)."
        ),
    )

    discussion_mode = models.CharField(
        _("reader comments"),
        max_length=10,
        choices=DiscussionMode.choices,
        default=DiscussionMode.SITE_DEFAULT,
        blank=True,
    )

    feed_guid = models.CharField(
        _("feed guid"),
        max_length=500,
        blank=True,
        help_text=_("The id feed readers know this story by, kept from its old site."),
    )

    # The source's revision this translation was made from, or last brought up to date with;
    # a newer published revision of the source makes it "older than its source".
    translated_from_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("translated from revision"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()
    base_form_class = ArticleForm

    # A translation starts as an unpublished draft of its own (editions.services.prepare_copy).
    exclude_fields_in_copy = [
        "live_revision",
        "first_published_at",
        "last_published_at",
        "updated_at",
        "go_live_at",
        "expire_at",
        "locked",
        "locked_at",
        "locked_by",
        "translated_from_revision",
        "feed_guid",  # the old site's id for this edition's story only
    ]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("kicker"),
                FieldPanel("headline"),
                FieldPanel("standfirst"),
                FieldPanel("section"),
            ],
            heading=_("Headline"),
        ),
        InlinePanel("byline_entries", heading=_("Byline"), label=_("Byline entry"), min_num=1),
        FieldPanel("dateline"),
        FieldPanel("lead_photo"),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel(
            "corrections", heading=_("Corrections and updates"), label=_("Correction or update")
        ),
        MultiFieldPanel(
            [
                FieldPanel("embargo_until"),
                FieldPanel("slug"),
                FieldPanel("first_published_at"),
                FieldPanel("updated_at"),
                FieldPanel("go_live_at"),
                FieldPanel("expire_at"),
            ],
            heading=_("Publishing"),
        ),
        FieldPanel("discussion_mode"),
        TranslationsPanel(),
    ]

    search_fields = [
        index.SearchField("headline", boost=3),
        index.AutocompleteField("headline"),
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("section"),
        index.FilterField("locale"),
        # Readers search one edition (articles.services.search_stories).
        index.RelatedFields("locale", [index.FilterField("language_code")]),
        index.FilterField("live"),
        index.FilterField("first_published_at"),
        # The admin lists search results newest first, ties broken by id.
        index.FilterField("pk"),
        # Reader search narrows by author and ranks the newest matches: `id IN (...)`.
        index.FilterField("id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        constraints = [
            # Each edition has its own addresses; a translation may keep its source's slug.
            models.UniqueConstraint(fields=["locale", "slug"], name="article_slug_per_edition"),
        ]
        # Each matches a list's ORDER BY (newest first, then id) so it reads only one page of
        # rows; measured at a million stories in bench/million_stories.py.
        indexes = [
            # The admin's whole list.
            models.Index(fields=["-first_published_at", "-id"], name="article_newest"),
            # The admin's list by section.
            models.Index(
                fields=["section", "-first_published_at", "-id"], name="article_section_newest"
            ),
            # The admin's list by status; the reader's latest stories.
            models.Index(fields=["live", "-first_published_at", "-id"], name="article_live_newest"),
            # The reader's section pages and their page count.
            models.Index(
                fields=["section", "-first_published_at", "-id"],
                name="article_section_published",
                condition=models.Q(live=True, first_published_at__isnull=False),
            ),
            # An edition's published stories: its front page, latest stories and feeds, the
            # walk newest first of a reader's search (filtered by `editions.edition_locale`),
            # and the story sitemap's pages, each a range of it (feeds.sitemaps.StoryPages).
            models.Index(
                fields=["locale", "-first_published_at", "-id"],
                name="article_edition_published",
                condition=models.Q(live=True, first_published_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs):
        if not self.locale_id:
            self.locale = self.get_default_locale()
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_default_locale(self):
        """A new story is in its section's edition."""
        if self.section_id:
            return self.section.locale
        return super().get_default_locale()

    def publish(self, revision, *args, **kwargs):
        """Publish `revision` unless its embargo has not passed (embargo.py); raise `Embargoed`."""
        story = revision.as_object()
        refusal = embargo_refusal(story.embargo_until, story.go_live_at)
        if refusal:
            raise Embargoed(refusal)
        return super().publish(revision, *args, **kwargs)

    def _unique_slug(self) -> str:
        """The headline's slug, or with the first free "-N" suffix: one query however many
        stories share the headline (the thousandth "Morning briefing" included)."""
        base = slugify(self.headline, allow_unicode=True)[:240] or "story"
        same_edition = (
            models.Q(locale_id=self.locale_id)
            if self.locale_id
            else models.Q(locale__language_code=settings.LANGUAGE_CODE)
        )
        taken = set(
            Article.objects.exclude(pk=self.pk)
            .filter(same_edition, slug__startswith=base)
            .values_list("slug", flat=True)
        )
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def get_absolute_url(self) -> str:
        """The story's address in its own edition (/<language>/<section>/<y>/<m>/<d>/<slug>/)."""
        from newsdesk.articles.addresses import story_path
        from newsdesk.editions.services import language_of

        language = language_of(self.locale if self.locale_id else None)
        return story_path(language, self.section.slug, self.first_published_at, self.slug)

    @classmethod
    def get_indexed_objects(cls):
        # The index entry's text search configuration follows the story's language.
        return super().get_indexed_objects().select_related("locale")

    @property
    def approved_schedule(self) -> bool:
        # `with_status()` annotates this for lists, as Wagtail does for pages.
        if hasattr(self, "_approved_schedule"):
            return self._approved_schedule
        return super().approved_schedule

    @property
    def displayed_update(self):
        """The update time readers see: when it is later than the first publication."""
        if self.updated_at and (
            not self.first_published_at or self.updated_at > self.first_published_at
        ):
            return self.updated_at
        return None

    def plain_text(self) -> str:
        """The body's words without markup (paragraphs, subheadings, quotes): search excerpts."""
        return body_plain_text(self.body)

    # Preview: editors see the story laid out as readers will, in its edition's language.
    def serve_preview(self, request, mode_name):
        from newsdesk.editions.services import in_edition

        with in_edition(self.locale if self.locale_id else None):
            return super().serve_preview(request, mode_name).render()

    def get_preview_template(self, request, mode_name):
        return "articles/article_page.html"

    def get_preview_context(self, request, mode_name):
        from newsdesk.articles.services import story_context

        return story_context(self, preview=True)


class BylineEntry(Orderable):
    """One name in a story's byline: a staff author or a wire agency, in the order shown."""

    article = ParentalKey(Article, on_delete=models.CASCADE, related_name="byline_entries")
    author = models.ForeignKey(
        "bylines.Author",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="byline_entries",
    )
    agency = models.ForeignKey(
        "bylines.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="byline_entries",
    )

    panels = [FieldPanel("author"), FieldPanel("agency")]

    class Meta(Orderable.Meta):
        verbose_name = _("byline entry")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(author__isnull=False, agency__isnull=True)
                    | models.Q(author__isnull=True, agency__isnull=False)
                ),
                name="byline_entry_author_or_agency",
            )
        ]

    def clean(self) -> None:
        if bool(self.author_id) == bool(self.agency_id):
            raise ValidationError(_("Choose either an author or an agency for each byline entry."))

    @property
    def credited(self):
        return self.author if self.author_id else self.agency


class Correction(Orderable):
    """A correction or update notice appended to a story, shown to readers with its date."""

    CORRECTION = "correction"
    UPDATE = "update"
    KIND_CHOICES = [(CORRECTION, _("Correction")), (UPDATE, _("Update"))]

    article = ParentalKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default=CORRECTION)
    noted_at = models.DateTimeField(_("date"), default=timezone.now)
    text = models.TextField(_("text"))

    panels = [FieldPanel("kind"), FieldPanel("noted_at"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("correction or update")
