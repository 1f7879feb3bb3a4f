import pytest
from django.core.management import CommandError, call_command

from newsdesk.delivery.pagecache import page_cache


def store(key: str, keys: tuple[str, ...]) -> None:
    pages = page_cache()
    pages.store(
        key,
        epoch=pages.epoch(),
        keys=keys,
        status=200,
        headers=[],
        body=b"",
        etag='"e"',
        last_modified=None,
    )


def test_purging_keys_from_the_command_line(purges):
    store("a", ("story-1",))
    store("b", ("story-2",))
    call_command("purge_cache", "story-1", verbosity=0)
    assert page_cache().lookup("a")[0] is None
    assert page_cache().lookup("b")[0] is not None
    assert purges.purged_keys() == {"story-1"}


def test_purging_everything(purges):
    store("b", ("story-2",))
    call_command("purge_cache", "--all", verbosity=0)
    assert page_cache().lookup("b")[0] is None


@pytest.mark.parametrize("args", [(), ("not a key",)])
def test_bad_arguments_are_refused_with_a_message(args, purges):
    with pytest.raises(CommandError):
        call_command("purge_cache", *args, verbosity=0)
    assert purges.purges == []
