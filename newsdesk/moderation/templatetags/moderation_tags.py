"""Template tags for the moderation queue in the admin."""

from django import template
from django.urls import reverse
from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices
from wagtail.permissions import policy_registry

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def permitted_bulk_action_choices(context, app_label, model_name):
    """Wagtail's bulk action buttons without Delete when the user may not delete.

    Wagtail offers bulk Delete on every snippet list, but comments are rejected, never
    deleted (an erasure request goes through `erase_commenter_data`): a Delete button
    that can only answer "you may not" has no place in the queue."""
    choices = bulk_action_choices(context, app_label, model_name)
    model = context["model_opts"].model
    user = context["request"].user
    if not policy_registry.get_by_type(model).user_has_permission(user, "delete"):
        delete_url = reverse("wagtail_bulk_action", args=[app_label, model_name, "delete"])
        choices["buttons"] = [
            button for button in choices["buttons"] if getattr(button, "url", None) != delete_url
        ]
    return choices
