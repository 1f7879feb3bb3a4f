"""An embargoed story cannot be published before its embargo: not in the admin, not in code."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.embargo import Embargoed, embargo_refusal
from newsdesk.articles.models import Article
from tests.articles.test_wagtail_hooks import story_form
from tests.common.db.articles import make_story
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db


def local(when) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M")


def test_embargo_refusal_says_why_and_allows_a_schedule_after_it():
    now = timezone.now()
    embargo = now + timedelta(hours=2)
    assert "Embargoed until" in embargo_refusal(embargo, None, now)
    assert embargo_refusal(embargo, now + timedelta(hours=1), now)
    assert embargo_refusal(embargo, embargo, now) is None
    assert embargo_refusal(now - timedelta(minutes=1), None, now) is None
    assert embargo_refusal(None, None, now) is None


def test_publishing_an_embargoed_revision_is_refused_and_nothing_changes(section):
    story = make_story(section, publish=False, embargo_until=timezone.now() + timedelta(hours=1))
    with pytest.raises(Embargoed):
        story.save_revision().publish()
    story.refresh_from_db()
    assert not story.live and story.first_published_at is None


def test_once_the_embargo_passes_the_story_publishes(section):
    story = make_story(section, publish=False, embargo_until=timezone.now() - timedelta(seconds=1))
    story.save_revision().publish()
    story.refresh_from_db()
    assert story.live


def test_scheduled_at_the_embargo_it_waits_then_goes_live(section):
    embargo = timezone.now() + timedelta(hours=1)
    story = make_story(section, publish=False, embargo_until=embargo, go_live_at=embargo)
    story.save_revision().publish()
    story.refresh_from_db()
    assert not story.live and story.scheduled_revision is not None
    # An hour later the worker's publish_scheduled finds it due.
    story.revisions.update(approved_go_live_at=timezone.now() - timedelta(seconds=1))
    Article.objects.filter(pk=story.pk).update(
        embargo_until=timezone.now() - timedelta(seconds=2),
        go_live_at=timezone.now() - timedelta(seconds=1),
    )
    revision = story.revisions.get()
    content = revision.content
    content["embargo_until"] = (timezone.now() - timedelta(seconds=2)).isoformat()
    content["go_live_at"] = (timezone.now() - timedelta(seconds=1)).isoformat()
    revision.content = content
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    story.refresh_from_db()
    assert story.live


def test_the_admin_refuses_to_publish_before_the_embargo_and_keeps_the_text(admin_client, section):
    authors, agency = [AuthorFactory(name="Anna Petrova")], AgencyFactory()
    embargo = timezone.now() + timedelta(hours=3)
    data = story_form(section, authors, agency, PhotoFactory(), embargo_until=local(embargo))
    data["action-publish"] = "action-publish"
    response = admin_client.post(reverse("wagtailsnippets_articles_article:add"), data)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "cannot be published before then" in page.get_text()
    assert page.select_one("input[name=headline]")["value"] == "Two reporters and AFP on the border"
    assert not Article.objects.exists()


def test_the_admin_saves_an_embargoed_draft_and_lists_the_embargo(admin_client, section):
    authors, agency = [AuthorFactory(name="Anna Petrova")], AgencyFactory()
    embargo = timezone.now() + timedelta(hours=3)
    data = story_form(section, authors, agency, PhotoFactory(), embargo_until=local(embargo))
    response = admin_client.post(reverse("wagtailsnippets_articles_article:add"), data)
    assert response.status_code == 302
    story = Article.objects.get()
    assert story.embargo_until is not None and not story.live
    listing = admin_client.get(reverse("wagtailsnippets_articles_article:list"))
    assert "Embargoed until" in listing.content.decode()


def test_the_admin_may_schedule_an_embargoed_story_at_its_embargo(admin_client, section):
    authors, agency = [AuthorFactory(name="Anna Petrova")], AgencyFactory()
    embargo = local(timezone.now() + timedelta(hours=3))
    data = story_form(
        section, authors, agency, PhotoFactory(), embargo_until=embargo, go_live_at=embargo
    )
    data["action-publish"] = "action-publish"
    response = admin_client.post(reverse("wagtailsnippets_articles_article:add"), data)
    assert response.status_code == 302
    story = Article.objects.get()
    assert not story.live and story.scheduled_revision is not None
