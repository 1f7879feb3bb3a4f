#!/usr/bin/env python
"""The content API's story list in django-ninja and in Django REST framework, side by side.

    .venv/bin/pip install djangorestframework     # or: pip install -e '.[bench]'
    .venv/bin/python bench/api_frameworks.py [--stories 60] [--requests 200] [--rounds 5]

Builds a throwaway SQLite newsroom (test settings, debug off): `--stories` published stories,
each with two authors and an agency in its byline, three tags, a lead photo with its renditions
made, and comments. Then it serves the same page of 20 stories two ways, taking turns in each
round (ninja, DRF, ninja, DRF ...):

- `ninja`: Newsdesk's own endpoint (`newsdesk.api.views.stories`): dicts from
  `newsdesk.api.representations`, validated by its pydantic response schema, JSON-encoded;
- `drf`: a `ListAPIView` written as DRF is usually written: `ModelSerializer`s with nested
  serializers and `SerializerMethodField`s over the same queryset (`newsdesk.api.services`),
  rendered by DRF's `JSONRenderer`.

Both answer the same JSON (checked before timing), read the same rows with the same queries,
and run without middleware (RequestFactory, the view called directly): what differs is only
the framework's request handling, validation and serialisation. It prints each framework's
median milliseconds per request and the ratio DRF/ninja per round (above 1: ninja is faster),
with the median of the ratios. The machine is shared and noisy: quote the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=60, help="published stories to make")
    parser.add_argument("--requests", type=int, default=200, help="requests per setup and round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; the setups take turns")
    return parser.parse_args()


def configure_django(data_dir: str) -> None:
    # Assigned, not setdefault: whatever the shell exports must not lead us to real data.
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.config.settings.test"
    os.environ["NEWSDESK_DATA_DIR"] = data_dir
    os.environ["NEWSDESK_DEBUG"] = "0"
    os.environ["NEWSDESK_BACKGROUND_TASKS"] = "immediate"
    os.environ["NEWSDESK_API_RATE_LIMIT"] = "0"
    for name in ("DATABASE_URL", "REDIS_URL", "NEWSDESK_PAGE_CACHE_DIR"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))

    import django
    from django.conf import settings

    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "rest_framework"]
    settings.ALLOWED_HOSTS = ["testserver"]
    django.setup()


def make_newsroom(count: int) -> None:
    from django.core.management import call_command

    from newsdesk.discussion.models import Comment
    from tests.common.db.articles import days_ago, make_story
    from tests.common.db.bylines import AgencyFactory, AuthorFactory
    from tests.common.db.photos import PhotoFactory
    from tests.common.db.sections import make_home, make_section

    call_command("migrate", verbosity=0)
    home = make_home()
    sections = [make_section(home, title) for title in ("Security", "Politics", "Economy")]
    agency = AgencyFactory(short_name="AFP", name="Agence France-Presse")
    authors = [AuthorFactory() for _ in range(8)]
    for n in range(count):
        story = make_story(
            sections[n % 3],
            f"Story number {n} about the border talks",
            byline=[authors[n % 8], authors[(n + 3) % 8], agency],
            standfirst="Ministers met for a third day.",
            dateline="ANKARA",
            lead_photo=PhotoFactory(),
            tags=[f"topic-{n % 7}", f"place-{n % 5}", "border"],
            published_at=days_ago(n / 10),
        )
        for i in range(n % 4):
            Comment.objects.create(
                story=story,
                author_name="Reader",
                author_email="r@example.org",
                text=f"Comment {i}",
                status=Comment.Status.APPROVED,
            )


def drf_view():
    """The story list as Django REST framework is usually written."""
    from rest_framework import generics, serializers
    from rest_framework.pagination import CursorPagination
    from rest_framework.renderers import JSONRenderer

    from newsdesk.api import representations, services
    from newsdesk.articles.models import Article
    from newsdesk.bylines.models import Agency, Author
    from newsdesk.photos.models import Photo
    from newsdesk.sections.models import SectionPage

    def root(serializer) -> str:
        request = serializer.context["request"]
        return f"{request.scheme}://{request.get_host()}"

    class RenditionSerializer(serializers.Serializer):
        name = serializers.CharField()
        href = serializers.CharField()
        content_type = serializers.CharField()
        width = serializers.IntegerField()
        height = serializers.IntegerField()

    class PhotoSerializer(serializers.ModelSerializer):
        url = serializers.SerializerMethodField()
        renditions = serializers.SerializerMethodField()

        class Meta:
            model = Photo
            fields = ["id", "url", "title", "alt_text", "caption", "credit", "width", "height",
                      "renditions"]  # fmt: skip

        def get_url(self, photo):
            return representations.api_url("photo", root(self), photo_id=photo.pk)

        def get_renditions(self, photo):
            made = representations.renditions(photo, root(self))
            return RenditionSerializer(made, many=True).data

    class SectionSerializer(serializers.ModelSerializer):
        url = serializers.SerializerMethodField()
        web_url = serializers.SerializerMethodField()
        language = serializers.CharField(source="locale.language_code")

        class Meta:
            model = SectionPage
            fields = ["id", "url", "web_url", "slug", "title", "language"]

        def get_url(self, section):
            return representations.api_url("section", root(self), section_id=section.pk)

        def get_web_url(self, section):
            return root(self) + (section.url or "/")

    class AuthorRefSerializer(serializers.ModelSerializer):
        class Meta:
            model = Author
            fields = ["id", "name", "slug"]

    class AgencyRefSerializer(serializers.ModelSerializer):
        class Meta:
            model = Agency
            fields = ["id", "name", "short_name"]

    class TagSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        slug = serializers.CharField()

    class StorySerializer(serializers.ModelSerializer):
        url = serializers.SerializerMethodField()
        ninjs_url = serializers.SerializerMethodField()
        web_url = serializers.SerializerMethodField()
        section = SectionSerializer()
        language = serializers.CharField(source="section.locale.language_code")
        byline = serializers.SerializerMethodField()
        authors = serializers.SerializerMethodField()
        agencies = serializers.SerializerMethodField()
        tags = serializers.SerializerMethodField()
        updated_at = serializers.DateTimeField(source="displayed_update")
        lead_photo = PhotoSerializer()
        comment_count = serializers.IntegerField()

        class Meta:
            model = Article
            fields = ["id", "url", "ninjs_url", "web_url", "headline", "kicker", "standfirst",
                      "section", "language", "byline", "authors", "agencies", "dateline", "tags",
                      "first_published_at", "last_published_at", "updated_at", "lead_photo",
                      "comment_count"]  # fmt: skip

        def get_url(self, story):
            return representations.api_url("story", root(self), story_id=story.pk)

        def get_ninjs_url(self, story):
            return representations.api_url("story_ninjs", root(self), story_id=story.pk)

        def get_web_url(self, story):
            return root(self) + story.get_absolute_url()

        def get_byline(self, story):
            from newsdesk.bylines.services import byline_text

            return byline_text(services.byline_of(story))

        def get_authors(self, story):
            entries = [e.author for e in services.byline_of(story) if e.author_id]
            return AuthorRefSerializer(entries, many=True).data

        def get_agencies(self, story):
            entries = [e.agency for e in services.byline_of(story) if e.agency_id]
            return AgencyRefSerializer(entries, many=True).data

        def get_tags(self, story):
            return TagSerializer(services.tags_of(story), many=True).data

    class NewestFirst(CursorPagination):
        page_size = 20
        ordering = ("-first_published_at", "-pk")

        def paginate_queryset(self, queryset, request, view=None):
            page = super().paginate_queryset(queryset, request, view)
            services.with_photos(page, body=False)
            return page

        def get_paginated_response(self, data):
            from rest_framework.response import Response

            return Response({"results": data, "next": self.get_next_link(), "next_cursor": None})

    class StoryList(generics.ListAPIView):
        serializer_class = StorySerializer
        pagination_class = NewestFirst
        renderer_classes = [JSONRenderer]
        authentication_classes: list = []
        permission_classes: list = []

        def get_queryset(self):
            return services.filtered(services.StoryFilters())

    return StoryList.as_view()


def ninja_view():
    from django.urls import resolve

    return resolve("/api/v1/stories/").func


def answer(view, factory) -> dict:
    response = view(factory.get("/api/v1/stories/"))
    if hasattr(response, "render"):
        response.render()
    assert response.status_code == 200, response.content[:500]
    data = json.loads(response.content)
    data["next"] = data["next_cursor"] = None  # each framework writes its own cursor
    return data


def measure(view, factory, requests: int) -> float:
    start = time.perf_counter()
    for _ in range(requests):
        response = view(factory.get("/api/v1/stories/"))
        if hasattr(response, "render"):
            response.render()
    return (time.perf_counter() - start) / requests * 1000


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-api-bench-") as data_dir:
        configure_django(data_dir)
        from django.test import RequestFactory

        print(f"Making {args.stories} stories ...", flush=True)
        make_newsroom(args.stories)
        factory = RequestFactory()
        views = {"ninja": ninja_view(), "drf": drf_view()}
        ninja_answer, drf_answer = (answer(views[name], factory) for name in ("ninja", "drf"))
        assert ninja_answer == drf_answer, "the two frameworks must answer the same JSON"
        assert len(ninja_answer["results"]) == 20
        for view in views.values():  # warm-up: imports, URL resolver, renditions cached
            measure(view, factory, 20)
        times: dict[str, list[float]] = {"ninja": [], "drf": []}
        ratios = []
        for round_number in range(1, args.rounds + 1):
            for name in ("ninja", "drf"):
                times[name].append(measure(views[name], factory, args.requests))
            ratios.append(times["drf"][-1] / times["ninja"][-1])
            print(
                f"round {round_number}: ninja {times['ninja'][-1]:.2f} ms, "
                f"drf {times['drf'][-1]:.2f} ms, drf/ninja {ratios[-1]:.2f}",
                flush=True,
            )
        print(
            f"median ms per request: ninja {statistics.median(times['ninja']):.2f}, "
            f"drf {statistics.median(times['drf']):.2f}; "
            f"drf/ninja median of the rounds' ratios: {statistics.median(ratios):.2f} "
            f"(min {min(ratios):.2f}, max {max(ratios):.2f})"
        )


if __name__ == "__main__":
    main()
