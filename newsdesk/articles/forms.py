"""The story editor's form: Wagtail's, with the embargo checked when an editor publishes."""

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
