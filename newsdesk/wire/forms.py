"""Forms of the wire desk."""

from django import forms
from django.utils.translation import gettext_lazy as _

from newsdesk.live.models import CoverageStatus, LiveCoverage


def running_coverages():
    """Live coverages an entry can still go into (live or paused), the newest stories first."""
    return (
        LiveCoverage.objects.exclude(status=CoverageStatus.ENDED)
        .select_related("story")
        .order_by("-story__first_published_at", "-pk")
    )


class SendToLiveForm(forms.Form):
    coverage = forms.ModelChoiceField(
        queryset=LiveCoverage.objects.none(), label=_("Live coverage"), empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coverage"].queryset = running_coverages()
