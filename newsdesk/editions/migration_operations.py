"""Migration helpers: make an existing model translatable without a row-by-row save."""

import uuid

from django.conf import settings
from django.db import migrations


def fill_translation_fields(app_label: str, model_name: str):
    """A RunPython operation: rows without a locale get the default edition's and a new key.

    One UPDATE on PostgreSQL (a million stories in seconds); in batches on SQLite, which has
    no UUID function.
    """

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        Locale = apps.get_model("wagtailcore", "Locale")
        locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        connection = schema_editor.connection
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(model._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET locale_id = %s, "  # noqa: S608 - our own table's name
                    "translation_key = gen_random_uuid() WHERE translation_key IS NULL",
                    [locale.pk],
                )
            return
        pks = list(model.objects.filter(translation_key__isnull=True).values_list("pk", flat=True))
        for start in range(0, len(pks), 1000):
            rows = [
                model(pk=pk, locale_id=locale.pk, translation_key=uuid.uuid4())
                for pk in pks[start : start + 1000]
            ]
            model.objects.bulk_update(rows, ["locale_id", "translation_key"])

    return migrations.RunPython(forwards, migrations.RunPython.noop)
