from django.apps import AppConfig


class StoryPagesConfig(AppConfig):
    """Installed only by bench/stories_as_snippets.py, in the database that script creates.

    It carries a migration of its own: `migrate --run-syncdb` cannot create a table for a model
    of an app without migrations whose base (wagtailcore.Page) lives in an app with migrations.
    """

    name = "storypages"
    label = "storypages"
    verbose_name = "Stories as pages (benchmark only)"
    default_auto_field = "django.db.models.BigAutoField"
