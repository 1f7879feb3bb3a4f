"""The composer's forms: an entry written in plain text (entry_text.py), and coverage actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.bylines.models import Agency, Author
from newsdesk.live.entry_text import EntryTextError, parse_entry_text


class EntryForm(forms.Form):
    headline = forms.CharField(label=_("Entry headline (optional)"), max_length=255, required=False)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "autofocus": True, "spellcheck": "true"}),
        help_text=_(
            "Blank line between paragraphs. '> ' starts a quote, '-- Name' credits it; a line "
            "with only a web address embeds it; [photo 12] or [photo 12: caption] shows photo 12; "
            "'## ' starts a sub-heading. Ctrl+Enter posts."
        ),
    )
    authors = forms.ModelMultipleChoiceField(
        label=_("Authors"), queryset=Author.objects.order_by("name"), required=False
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.order_by("name"), required=False
    )
    key_event = forms.BooleanField(label=_("Key event"), required=False)
    pinned = forms.BooleanField(label=_("Pin at the top"), required=False)
    scheduled_for = forms.DateTimeField(
        label=_("Post at (leave empty to post now)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean(self):
        data = super().clean()
        text = data.get("text") or ""
        try:
            data["body"] = parse_entry_text(text)
        except EntryTextError as error:
            self.add_error("text", str(error))
            return data
        if not data["body"] and not (data.get("headline") or "").strip():
            raise forms.ValidationError(_("Write a headline or some text."))
        return data

    def clean_scheduled_for(self):
        when = self.cleaned_data.get("scheduled_for")
        if when and when <= timezone.now() and self.data.get("action") == "schedule":
            raise forms.ValidationError(_("Choose a time in the future to schedule the entry."))
        return when


class EditEntryForm(EntryForm):
    correction_note = forms.CharField(
        label=_("Correction note (shown to readers)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty for a fix readers need not be told about (a typo)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is withdrawn (shown to readers)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class StartCoverageForm(forms.Form):
    story = forms.ModelChoiceField(label=_("Story"), queryset=None)

    def __init__(self, *args, **kwargs):
        from wagtail.snippets.widgets import AdminSnippetChooser

        from newsdesk.articles.models import Article

        super().__init__(*args, **kwargs)
        field = self.fields["story"]
        field.queryset = Article.objects.filter(live=True)
        field.widget = AdminSnippetChooser(Article)
        field.help_text = _("A published story; its page shows the entries from now on.")


class QuoteCommentForm(forms.Form):
    comment = forms.IntegerField(label=_("Comment number"), min_value=1)
