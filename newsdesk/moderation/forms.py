"""Forms of the moderation admin: banning a commenter from one of their comments."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.discussion.models import Comment
from newsdesk.moderation.models import Ban
from newsdesk.moderation.privacy import network_of


class BanCommenterForm(forms.Form):
    """Ban the author of a comment by their email, their IP address or its network."""

    ADDRESS, NETWORK = "address", "network"

    by_email = forms.BooleanField(label=_("Ban this email address"), required=False, initial=True)
    by_ip = forms.ChoiceField(label=_("Ban by IP address"), required=False)
    action = forms.ChoiceField(
        label=_("Their new comments"),
        choices=Ban.Action.choices,
        initial=Ban.Action.HOLD,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For moderators and the moderation log; never shown to the commenter."),
    )
    days = forms.IntegerField(
        label=_("For how many days"),
        required=False,
        min_value=1,
        help_text=_("Leave empty to ban until a moderator lifts the ban."),
    )

    def __init__(self, *args, comment: Comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment = comment
        self.fields["by_email"].label = _("Ban the email address %(email)s") % {
            "email": comment.author_email
        }
        choices = [("", _("Do not ban by IP address"))]
        if comment.ip_address:
            choices += [
                (self.ADDRESS, _("This address: %(ip)s") % {"ip": comment.ip_address}),
                (
                    self.NETWORK,
                    _("Its network: %(network)s") % {"network": network_of(comment.ip_address)},
                ),
            ]
        self.fields["by_ip"].choices = choices

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("by_email") and not data.get("by_ip"):
            raise forms.ValidationError(_("Choose the email address, the IP address, or both."))
        return data

    def ban_arguments(self) -> dict:
        """The keyword arguments of services.ban_commenter for the moderator's choices."""
        data = self.cleaned_data
        ip_network = ""
        if data["by_ip"] == self.ADDRESS:
            ip_network = self.comment.ip_address
        elif data["by_ip"] == self.NETWORK:
            ip_network = network_of(self.comment.ip_address)
        return {
            "email": self.comment.author_email if data["by_email"] else "",
            "ip_network": ip_network,
            "action": data["action"],
            "reason": data["reason"],
            "expires_at": timezone.now() + timedelta(days=data["days"]) if data["days"] else None,
            "comment": self.comment,
        }


class ModerationNoteForm(forms.Form):
    """An optional note kept with a moderator's decision in the audit log."""

    note = forms.CharField(
        label=_("Note for the moderation log (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
