"""Issue 11's journey: an editor posts entries in the composer while a reader's page, with
JavaScript, shows "new updates" and then the entries; without JavaScript, a reload shows them."""

import re

import pytest
from django.urls import reverse

from newsdesk.live.models import LiveEntry
from tests.browser.conftest import sign_in_to_admin
from tests.common.db.live import make_coverage, post
from tests.common.db.sections import make_edition, translate_section

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def coverage(section, admin_user, settings):
    # Fast polls for the test: a one-second window and interval.
    settings.NEWSDESK_LIVE_WINDOW_SECONDS = 1
    settings.NEWSDESK_LIVE_POLL_SECONDS = 1
    coverage = make_coverage(section, "Kelbaran offensive: live", editor=admin_user)
    post(coverage, admin_user, "Artillery heard before dawn.")
    return coverage


def compose(desk, live_server, coverage, text: str, *, key_event=False, pinned=False) -> None:
    desk.goto(live_server.url + reverse("live_composer", args=[coverage.pk]))
    desk.fill("#id_text", text)  # the text box has the focus: keyboard first
    if key_event:
        desk.check("#id_key_event")
    if pinned:
        desk.check("#id_pinned")
    desk.press("#id_text", "Control+Enter")
    desk.get_by_text("Posted.").wait_for()


def entry_id(text: str) -> int:
    (pk,) = [e.pk for e in LiveEntry.objects.all() if text in str(e.body.raw_data)]
    return pk


def test_an_editor_posts_and_a_reader_sees_new_updates_then_the_entries(
    live_server, browser, page, coverage, admin_user
):
    reader = page
    reader.goto(live_server.url + coverage.story.get_absolute_url())
    entries = reader.locator(".live__entries > .live-entry")
    assert entries.count() == 1

    editor_context = browser.new_context()
    desk = editor_context.new_page()
    desk.set_default_timeout(10_000)
    sign_in_to_admin(desk, live_server.url, admin_user)
    compose(desk, live_server, coverage, "Ministry confirms ground offensive.", key_event=True)
    compose(desk, live_server, coverage, "What we know so far.", pinned=True)
    compose(desk, live_server, coverage, "Twelve soldiers killed, the ministry says.")
    compose(desk, live_server, coverage, "Unconfirmed: troops enter Ashaghi Zeyva.")

    button = reader.locator(".live__new-button")
    button.filter(has_text=re.compile(r"^4 new updates$")).wait_for()
    assert reader.locator(".live__announcer").inner_text() == "4 new updates"
    assert entries.count() == 1  # nothing moved under the reader until asked
    scroll_before = reader.evaluate("window.scrollY")
    button.click()
    assert entries.count() == 5
    assert reader.locator(".live__new").is_hidden()
    assert reader.evaluate("window.scrollY") == scroll_before
    assert "Unconfirmed" in entries.first.inner_text()
    assert "Ministry confirms" in reader.locator(".live__key-events-list").inner_text()
    assert "What we know" in reader.locator(".live__pinned").inner_text()

    # A correction and a withdrawal change the entries in place, without a button.
    corrected = entry_id("Twelve soldiers")
    desk.goto(live_server.url + reverse("live_edit_entry", args=[corrected]))
    desk.fill("#id_text", "Fourteen soldiers killed, the ministry says.")
    desk.fill("#id_correction_note", "An earlier version said twelve.")
    desk.press("#id_text", "Control+Enter")
    desk.get_by_text("Entry saved.").wait_for()
    withdrawn = entry_id("Unconfirmed")
    desk.goto(live_server.url + reverse("live_edit_entry", args=[withdrawn]))
    desk.fill("#id_note", "The report could not be confirmed.")
    desk.get_by_role("button", name="Withdraw this entry").click()
    desk.get_by_text("Entry withdrawn.").wait_for()

    reader.locator(f"#entry-{corrected} .correction").wait_for()
    assert "Fourteen soldiers" in reader.locator(f"#entry-{corrected}").inner_text()
    reader.locator(f"#entry-{withdrawn} .live-entry__withdrawn").wait_for()
    assert "Ashaghi Zeyva" not in reader.locator(f"#entry-{withdrawn}").inner_text()
    editor_context.close()

    # The same reader without JavaScript sees it all on reload.
    plain_context = browser.new_context(java_script_enabled=False)
    plain = plain_context.new_page()
    plain.goto(live_server.url + coverage.story.get_absolute_url())
    plain_entries = plain.locator(".live__entries > .live-entry")
    assert plain_entries.count() == 5
    assert "An earlier version said twelve." in plain.locator(f"#entry-{corrected}").inner_text()
    assert "could not be confirmed" in plain.locator(f"#entry-{withdrawn}").inner_text()
    assert "Ministry confirms" in plain.locator(".live__key-events-list").inner_text()
    assert "What we know" in plain.locator(".live__pinned").inner_text()
    assert plain.locator(".live__new").is_hidden()
    plain_context.close()


@pytest.mark.parametrize(
    ("language", "section_title", "two", "three"),
    [
        ("ru", "Безопасность", "2 новых обновления", "3 новых обновления"),
        ("ar", "الأمن", "تحديثان جديدان", "3 تحديثات جديدة"),
    ],
)
def test_the_new_updates_button_speaks_the_editions_language_and_plurals(
    live_server, page, home, section, admin_user, settings, language, section_title, two, three
):
    """The button's text comes from the edition's catalogue with the count's plural form
    (Arabic's dual, Russian's few), not from English written into the script."""
    settings.NEWSDESK_LIVE_WINDOW_SECONDS = 1
    settings.NEWSDESK_LIVE_POLL_SECONDS = 1
    make_edition(home, language)
    coverage = make_coverage(translate_section(section, language, section_title), editor=admin_user)
    post(coverage, admin_user, "First.")
    page.goto(live_server.url + coverage.story.get_absolute_url())
    assert page.locator("html").get_attribute("lang") == language
    button = page.locator(".live__new-button")
    post(coverage, admin_user, "Second.")
    post(coverage, admin_user, "Third.")
    button.filter(has_text=re.compile(f"^{two}$")).wait_for()
    post(coverage, admin_user, "Fourth.")
    button.filter(has_text=re.compile(f"^{three}$")).wait_for()
