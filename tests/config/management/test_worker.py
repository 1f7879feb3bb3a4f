"""`newsdesk worker` runs the task queue and the periodic jobs, and stops cleanly on a signal."""

import os
import signal
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connections

from newsdesk.config import scheduler
from newsdesk.config.scheduler import PeriodicJob


def signal_when(event: threading.Event, signum: int = signal.SIGTERM, timeout: float = 20):
    """Send `signum` to this process once `event` is set (or after `timeout`)."""

    def send():
        event.wait(timeout)
        os.kill(os.getpid(), signum)

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def slow_job(monkeypatch):
    """The only periodic job: due every second, takes half a second, records its start and end."""
    events = []
    started = threading.Event()

    def command(name, *args, **options):
        events.append("start")
        started.set()
        time.sleep(0.5)
        events.append("end")

    monkeypatch.setattr(scheduler, "call_command", command)
    monkeypatch.setattr(
        scheduler,
        "default_jobs",
        lambda with_queue: [PeriodicJob("slow", every=timedelta(seconds=1))],
    )
    return events, started


def test_refuses_queue_only_when_tasks_run_immediately():
    with pytest.raises(CommandError, match="NEWSDESK_BACKGROUND_TASKS=immediate"):
        call_command("worker", "--no-schedule")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_a_queue_it_runs_the_jobs_and_stops_on_sigterm_after_the_current_one(slow_job):
    events, started = slow_job
    signal_when(started)
    call_command("worker", verbosity=0)
    assert events[:2] == ["start", "end"], "the job running at SIGTERM was finished"
    assert events[-1] == "end"
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, "its handlers are put back"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_queue_it_sends_queued_email_and_runs_the_jobs(database_queue, slow_job):
    events, started = slow_job
    mail.send_mail("Your comment got a reply", "Hello", None, ["reader@example.org"])
    assert mail.outbox == [], "queued, not sent"

    sent_and_started = threading.Event()

    def watch():
        while not (mail.outbox and started.is_set()):
            time.sleep(0.05)
        sent_and_started.set()

    threading.Thread(target=watch, daemon=True).start()
    signal_when(sent_and_started, signal.SIGINT)
    call_command("worker", verbosity=0)

    assert [message.subject for message in mail.outbox] == ["Your comment got a reply"]
    assert events[-1] == "end", "the job running when Ctrl-C came was finished"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_scheduled_story_goes_live_while_the_worker_runs(monkeypatch, client, section):
    """The worker's own publish_scheduled job, due every second here, puts the story live."""
    from django.utils import timezone

    from newsdesk.articles.models import Article
    from tests.common.db.articles import make_story

    story = make_story(section, "Embargoed results", publish=False)
    past = timezone.now() - timedelta(minutes=1)
    story.go_live_at = past
    story.save()
    story.save_revision(approved_go_live_at=past)
    assert client.get(story.get_absolute_url()).status_code == 404

    (job,) = [
        j for j in scheduler.default_jobs(with_queue=False) if j.command == "publish_scheduled"
    ]
    monkeypatch.setattr(
        scheduler,
        "default_jobs",
        lambda with_queue: [PeriodicJob(job.command, job.args, every=timedelta(seconds=1))],
    )
    live = threading.Event()

    def watch():
        deadline = time.monotonic() + 20
        try:
            while time.monotonic() < deadline and not live.is_set():
                if Article.objects.filter(pk=story.pk, live=True).exists():
                    live.set()
                time.sleep(0.2)
        finally:
            connections.close_all()  # this thread's, or PostgreSQL keeps the test database open

    threading.Thread(target=watch, daemon=True).start()
    signal_when(live)
    call_command("worker", verbosity=0)

    assert live.is_set()
    assert client.get(story.get_absolute_url()).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_second_signal_stops_at_once_without_waiting_for_the_job(database_queue, monkeypatch):
    started = threading.Event()

    def command(name, *args, **options):
        started.set()
        time.sleep(5)

    monkeypatch.setattr(scheduler, "call_command", command)
    monkeypatch.setattr(
        scheduler,
        "default_jobs",
        lambda with_queue: [PeriodicJob("stuck", every=timedelta(seconds=1))],
    )

    def twice():
        started.wait(20)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.3)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=twice, daemon=True).start()
    begun = time.monotonic()
    with pytest.raises(SystemExit):
        call_command("worker", verbosity=0)
    assert time.monotonic() - begun < 4, "it did not wait for the 5-second job"
