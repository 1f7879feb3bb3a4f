"""The reader's comment form: name, email, comment, reply notifications, and its hidden guards."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsdesk.discussion import text as comment_text
from newsdesk.discussion.models import Comment
from newsdesk.discussion.tokens import (
    FormToken,
    TokenExpired,
    TokenInvalid,
    issue_form_token,
    read_form_token,
)


class CommentForm(forms.Form):
    """What a reader fills in under a story; validation only, posting is services.post_comment."""

    author_name = forms.CharField(label=_("Name"), max_length=100)
    # 254: what Comment.author_email stores (Django's form default of 320 would not fit).
    author_email = forms.EmailField(
        label=_("Email"), max_length=254, help_text=_("Never shown to other readers.")
    )
    # strip=False: the counter in the browser counts every character typed, so must the server.
    text = forms.CharField(
        label=_("Comment"), strip=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    notify_on_reply = forms.BooleanField(label=_("Notify me of replies by email"), required=False)
    # The honeypot: hidden from people and screen readers, filled in by form-filling robots.
    # The moderation checks judge it (newsdesk.moderation), so it is never rejected here.
    website = forms.CharField(
        label=_("Leave this field empty if you are human"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    error_messages = {
        "token_expired": _(
            "This form was open for too long. Your comment is still here: please send it again."
        ),
        "token_invalid": _(
            "This form could not be checked. Your comment is still here: please send it again."
        ),
        "parent_gone": _(
            "The comment you are replying to is no longer shown. Your comment is still here: "
            "send it to post it on the story instead."
        ),
    }

    def __init__(self, *args, story=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.story = story
        self.form_token: FormToken | None = None
        for name in ("author_name", "author_email", "text", "notify_on_reply"):
            bound = self[name]
            described_by = [f"{bound.auto_id}_error"]
            if name == "author_email":
                described_by.append(f"{bound.auto_id}_helptext")
            if name == "text":
                described_by.append(f"{bound.auto_id}_counter")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described_by)
        self.fields["author_name"].widget.attrs["autocomplete"] = "name"
        self.fields["author_email"].widget.attrs["autocomplete"] = "email"
        # Readers write in either direction whatever the page's language: the browser sets each
        # field's direction from its first strong letter. An address is always left to right.
        self.fields["author_name"].widget.attrs["dir"] = "auto"
        self.fields["text"].widget.attrs["dir"] = "auto"
        self.fields["author_email"].widget.attrs["dir"] = "ltr"
        if not self.is_bound:
            self.initial.setdefault("token", issue_form_token())

    def clean_author_name(self) -> str:
        # One line, single spaces: a name is shown inline and goes into email subjects.
        name = " ".join(comment_text.normalise(self.cleaned_data["author_name"]).split())
        if not name:
            raise forms.ValidationError(self.fields["author_name"].error_messages["required"])
        return name

    def clean_author_email(self) -> str:
        return self.cleaned_data["author_email"].strip().lower()

    def clean_text(self) -> str:
        typed = self.cleaned_data["text"]
        limit = comment_text.max_length()
        over = comment_text.length(typed) - limit
        if over > 0:
            raise forms.ValidationError(
                ngettext(
                    "Comments can be up to %(limit)s characters long; this one is "
                    "%(over)s character too long.",
                    "Comments can be up to %(limit)s characters long; this one is "
                    "%(over)s characters too long.",
                    over,
                )
                % {"limit": limit, "over": over},
                code="max_length",
            )
        normalised = comment_text.normalise(typed).strip()
        if not normalised:
            raise forms.ValidationError(self.fields["text"].error_messages["required"])
        return normalised

    def clean_parent(self) -> Comment | None:
        """The visible comment on this story being replied to, if any."""
        parent_id = self.cleaned_data["parent"]
        if parent_id is None:
            return None
        parent = (
            Comment.objects.visible()
            .filter(pk=parent_id, story=self.story)
            .only("pk", "story_id", "depth", "thread_root_id", "author_name")
            .first()
        )
        if parent is None:
            raise forms.ValidationError(self.error_messages["parent_gone"], code="parent_gone")
        return parent

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        try:
            self.form_token = read_form_token(token)
        except TokenExpired:
            raise forms.ValidationError(
                self.error_messages["token_expired"], code="token_expired"
            ) from None
        except TokenInvalid:
            raise forms.ValidationError(
                self.error_messages["token_invalid"], code="token_invalid"
            ) from None
        return token

    def prepare_to_show_again(self) -> None:
        """Get the form ready to be shown with its errors, keeping everything the reader typed.

        It gets a fresh token (an expired one would fail again), and loses a parent comment that
        is no longer shown, so that sending it again posts on the story.
        """
        data = self.data.copy()
        data["token"] = issue_form_token()
        if "parent" in self.errors:
            data["parent"] = ""
        self.data = data

    def form_errors(self) -> list[str]:
        """Errors about the form as a whole (token, parent), shown above the fields."""
        return [
            *self.non_field_errors(),
            *self.errors.get("token", []),
            *self.errors.get("parent", []),
        ]

    @property
    def honeypot(self) -> str:
        return self.data.get("website", "") if self.is_bound else ""
