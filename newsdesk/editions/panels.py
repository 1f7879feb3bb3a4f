"""The story editor's "Translations" panel: each edition's version, missing or out of date."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from newsdesk.editions import services


class TranslationsPanel(Panel):
    """Which editions have this story, which lack it (with Wagtail's Translate action), and which
    translation is older than its source, with a link to the source's changes since."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("heading", _("Translations"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "editions/admin/translations_panel.html"

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            obj = self.instance
            rows = services.translation_status(obj) if getattr(obj, "pk", None) else []
            meta = type(obj)._meta
            for row in rows:
                version = row.get("version")
                if version is not None:
                    row["edit_url"] = _url(
                        f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", version.pk
                    )
                if row.get("changes"):
                    source, old, new = row["changes"]
                    row["compare_url"] = _url(
                        f"wagtailsnippets_{meta.app_label}_{meta.model_name}:revisions_compare",
                        source.pk,
                        old,
                        new,
                    )
                    row["mark_current_url"] = _url(
                        "newsdesk_editions:mark_current",
                        meta.app_label,
                        meta.model_name,
                        version.pk,
                    )
            context["rows"] = rows
            if rows and any(row["state"] == "missing" for row in rows):
                context["translate_url"] = _url(
                    "simple_translation:submit_snippet_translation",
                    meta.app_label,
                    meta.model_name,
                    obj.pk,
                )
            return context


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=[str(arg) for arg in args])
    except NoReverseMatch:
        return None
