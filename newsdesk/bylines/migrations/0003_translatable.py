import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from newsdesk.editions.migration_operations import fill_translation_fields


class Migration(migrations.Migration):
    """Authors become translatable: a name, job title and bio per edition (docs/editions.md)."""

    dependencies = [
        ("bylines", "0002_editors_manage_bylines"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="author",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="author",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        fill_translation_fields("bylines", "Author"),
        migrations.AlterField(
            model_name="author",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="author",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="author",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AlterField(
            model_name="author",
            name="slug",
            field=models.SlugField(allow_unicode=True, max_length=255, verbose_name="slug"),
        ),
        migrations.AddConstraint(
            model_name="author",
            constraint=models.UniqueConstraint(
                fields=("locale", "slug"), name="author_slug_per_edition"
            ),
        ),
        migrations.AlterField(
            model_name="author",
            name="user",
            field=models.ForeignKey(
                blank=True,
                help_text="The staff account of this author, if they have one.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="author_profiles",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user account",
            ),
        ),
    ]
