"""The story editor's form (Wagtail's, with the embargo checked when an editor publishes) and the
reader's search form."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from newsdesk.articles.embargo import embargo_refusal


class ArticleForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        # Said at the field, with the editor's text kept; Article.publish refuses it anyway.
        if "action-publish" in self.data:
            refusal = embargo_refusal(cleaned.get("embargo_until"), cleaned.get("go_live_at"))
            if refusal:
                self.add_error("embargo_until", refusal)
        return cleaned


class StorySearchForm(forms.Form):
    """The reader's search: words, and optionally a section, an author, a date range and an order.

    Read from the query string. A filter a reader mistyped (an unknown section or author, a date
    that is not one) is an error of its field, said on the page, never a server error.
    """

    NEWEST = "newest"
    BEST_MATCH = "best"
    #: Dates outside these years cannot be stories' and overflow time zone arithmetic.
    EARLIEST = date(1900, 1, 1)
    LATEST = date(2999, 12, 31)
    QUERY_LENGTH = 200

    q = forms.CharField(label=_("Search stories"), required=False, strip=True)
    # Choices read once (one query each) and checked against them: no lookup of what a reader
    # typed, and the view tags the page with the authors listed.
    section = forms.TypedChoiceField(
        label=_("Section"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("There is no such section.")},
    )
    author = forms.TypedChoiceField(
        label=_("Author"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("There is no such author.")},
    )
    published_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give the date as year-month-day, like 2026-03-15.")},
    )
    published_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give the date as year-month-day, like 2026-03-15.")},
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[(NEWEST, _("Newest first")), (BEST_MATCH, _("Best match first"))],
        error_messages={"invalid_choice": _("Results come newest first or best match first.")},
    )

    def __init__(self, data=None, *, edition: str, **kwargs):
        from newsdesk.bylines.models import Author
        from newsdesk.sections.models import SectionPage

        super().__init__(data, **kwargs)
        sections = SectionPage.objects.live().public().filter(locale__language_code=edition)
        self.fields["section"].choices = [
            ("", _("All sections")),
            *sections.order_by("path").values_list("pk", "title"),
        ]
        authors = Author.objects.filter(locale__language_code=edition).order_by("name", "pk")
        self.fields["author"].choices = [
            ("", _("All authors")),
            *authors.values_list("pk", "name"),
        ]

    def clean_q(self) -> str:
        # Long pastes are cut, not refused: the words are all a search reads.
        return self.cleaned_data["q"][: self.QUERY_LENGTH]

    def _clean_date(self, name: str):
        value = self.cleaned_data[name]
        if value and not self.EARLIEST <= value <= self.LATEST:
            raise ValidationError(
                _("Give a date between %(earliest)s and %(latest)s."),
                params={"earliest": self.EARLIEST.isoformat(), "latest": self.LATEST.isoformat()},
            )
        return value

    def clean_published_from(self):
        return self._clean_date("published_from")

    def clean_published_to(self):
        return self._clean_date("published_to")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("published_from"), cleaned.get("published_to")
        if start and end and start > end:
            self.add_error("published_to", _("The end date is before the start date."))
        return cleaned

    @property
    def best_match(self) -> bool:
        return self.is_valid() and self.cleaned_data["order"] == self.BEST_MATCH
