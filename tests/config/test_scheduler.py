"""The worker's periodic jobs: when each is due, and a loop that runs them and survives failures."""

import logging
import threading
from datetime import UTC, datetime, time, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from newsdesk.config import scheduler
from newsdesk.config.scheduler import PeriodicJob, Scheduler, default_jobs, run_job


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_a_job_every_minute_is_next_due_at_the_next_minute():
    job = PeriodicJob("publish_scheduled", every=timedelta(minutes=1))
    assert job.next_run(at("2026-12-01 09:14:32")) == at("2026-12-01 09:15:00")
    assert job.next_run(at("2026-12-01 09:15:00")) == at("2026-12-01 09:16:00")


def test_an_hourly_job_with_an_offset_runs_at_that_minute_past_each_hour():
    job = PeriodicJob("optimize_database", every=timedelta(hours=1), offset=timedelta(minutes=17))
    assert job.next_run(at("2026-12-01 09:14:32")) == at("2026-12-01 09:17:00")
    assert job.next_run(at("2026-12-01 09:17:00")) == at("2026-12-01 10:17:00")
    assert job.next_run(at("2026-12-01 23:30:00")) == at("2026-12-02 00:17:00")


def test_a_job_at_times_of_day_runs_at_the_next_one_then_tomorrow():
    job = PeriodicJob("send_moderation_digest", at=(time(18), time(8), time(13)))
    assert job.next_run(at("2026-12-01 07:59:59")) == at("2026-12-01 08:00:00")
    assert job.next_run(at("2026-12-01 08:00:00")) == at("2026-12-01 13:00:00")
    assert job.next_run(at("2026-12-01 18:00:00")) == at("2026-12-02 08:00:00")


def test_times_of_day_are_the_sites_local_times(settings):
    settings.TIME_ZONE = "Europe/Paris"
    job = PeriodicJob("send_moderation_digest", at=(time(8),))
    with timezone.override("Europe/Paris"):
        assert job.next_run(at("2026-12-01 06:00:00")) == at("2026-12-01 07:00:00")


def test_a_job_needs_either_an_interval_or_times():
    with pytest.raises(ValueError, match="either"):
        PeriodicJob("publish_scheduled")


def test_the_site_runs_the_documented_jobs_and_prunes_only_a_database_queue():
    names = {job.command for job in default_jobs(with_queue=True)}
    assert names == {
        "publish_scheduled",
        "poll_wire",
        "post_scheduled_entries",
        "optimize_database",
        "purge_comment_ips",
        "prune_db_task_results",
        "send_moderation_digest",
    }
    assert "prune_db_task_results" not in {job.command for job in default_jobs(with_queue=False)}


def test_the_digest_runs_at_the_configured_times_or_not_at_all(settings):
    settings.NEWSDESK_MODERATION_DIGEST_TIMES = ["07:30"]
    (digest,) = [j for j in default_jobs(with_queue=False) if j.command == "send_moderation_digest"]
    assert digest.at == (time(7, 30),)
    settings.NEWSDESK_MODERATION_DIGEST_TIMES = []
    assert "send_moderation_digest" not in {j.command for j in default_jobs(with_queue=False)}


def test_a_digest_time_that_is_not_a_time_stops_the_worker_with_the_variable_named(settings):
    settings.NEWSDESK_MODERATION_DIGEST_TIMES = ["8am"]
    with pytest.raises(ImproperlyConfigured, match=r"NEWSDESK_MODERATION_DIGEST_TIMES.*'8am'"):
        default_jobs(with_queue=False)


class Clock:
    """A clock the test moves; waiting on the scheduler's event moves it forward."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def run_until(schedule: Scheduler, done: threading.Event, timeout: float = 10) -> None:
    thread = threading.Thread(target=schedule.run)
    thread.start()
    finished = done.wait(timeout)
    schedule.stop()
    thread.join(timeout)
    assert finished, "the scheduler did not run the job in time"
    assert not thread.is_alive(), "the scheduler did not stop"


def test_the_scheduler_runs_a_job_once_it_is_due():
    ran = []
    done = threading.Event()
    job = PeriodicJob("publish_scheduled", every=timedelta(seconds=1))

    def record(job):
        ran.append(timezone.now())
        done.set()

    run_until(Scheduler([job], run=record), done)
    assert len(ran) == 1


def test_a_job_is_not_run_before_it_is_due():
    clock = Clock(at("2026-12-01 09:14:32"))
    ran = []
    schedule = Scheduler(
        [PeriodicJob("optimize_database", every=timedelta(hours=1))], run=ran.append, now=clock
    )
    thread = threading.Thread(target=schedule.run)
    thread.start()
    schedule.stopping.wait(0.3)
    schedule.stop()
    thread.join(5)
    assert ran == []


def test_a_failing_job_is_logged_and_the_others_go_on(caplog, monkeypatch):
    calls = []
    done = threading.Event()

    def command(name, *args, **options):
        calls.append(name)
        if name == "broken":
            raise RuntimeError("the database went away")
        if calls.count("healthy") >= 2:
            done.set()

    monkeypatch.setattr(scheduler, "call_command", command)
    jobs = [
        PeriodicJob("broken", every=timedelta(seconds=1)),
        PeriodicJob("healthy", every=timedelta(seconds=1)),
    ]
    with caplog.at_level(logging.ERROR, logger="newsdesk.config.scheduler"):
        run_until(Scheduler(jobs), done, timeout=15)
    assert calls.count("broken") >= 1
    assert calls.count("healthy") >= 2
    assert "Periodic job broken failed" in caplog.text
    assert "the database went away" in caplog.text


def test_run_job_reports_a_command_error_and_a_system_exit_without_raising(monkeypatch):
    def exits(name, *args, **options):
        raise SystemExit(75)

    monkeypatch.setattr(scheduler, "call_command", exits)
    assert run_job(PeriodicJob("send_moderation_digest", at=(time(8),))) is False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_scheduled_story_goes_live_when_the_workers_job_runs(client, section):
    """The worker's publish_scheduled job makes a story whose time has come live."""
    from tests.common.db.articles import make_story

    story = make_story(section, "Embargoed results", publish=False)
    past = timezone.now() - timedelta(minutes=1)
    story.go_live_at = past
    story.save()
    story.save_revision(approved_go_live_at=past)
    story.refresh_from_db()
    assert not story.live

    (job,) = [j for j in default_jobs(with_queue=False) if j.command == "publish_scheduled"]
    assert run_job(job) is True
    story.refresh_from_db()
    assert story.live
    assert client.get(story.get_absolute_url()).status_code == 200
