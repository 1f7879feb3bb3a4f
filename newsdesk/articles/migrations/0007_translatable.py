import uuid

import django.db.models.deletion
from django.db import migrations, models

from newsdesk.editions.migration_operations import fill_translation_fields


class Migration(migrations.Migration):
    """Stories become translatable: each edition's version is its own story (docs/editions.md)."""

    dependencies = [
        ("articles", "0006_body_sanitised"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
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
        fill_translation_fields("articles", "Article"),
        migrations.AlterField(
            model_name="article",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="article",
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
            name="article",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AlterField(
            model_name="article",
            name="slug",
            field=models.SlugField(
                allow_unicode=True,
                blank=True,
                help_text="The last part of the story's address. Made from the headline if left empty.",
                max_length=255,
                verbose_name="slug",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                fields=("locale", "slug"), name="article_slug_per_edition"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="translated_from_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="translated from revision",
            ),
        ),
    ]
