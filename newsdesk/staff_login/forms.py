"""The one field staff type for two-step verification: the code their app shows."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A six-digit code from an authenticator app; spaces are allowed, as apps show them."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        validators=[
            RegexValidator(r"^\s*\d{3}\s?\d{3}\s*$", _("Enter the six digits your app shows."))
        ],
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].replace(" ", "").strip()
