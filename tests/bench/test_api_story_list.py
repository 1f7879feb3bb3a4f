"""The API story list benchmark's own checks: its options, the WSGI call, the same stories."""

import json

import pytest

from bench import api_story_list
from bench.api_story_list import Answer, call, same_stories


def test_counts_below_one_are_refused_naming_the_option(capsys):
    """`--renders 0` stops before any set-up, with a message naming the option."""
    with pytest.raises(SystemExit):
        api_story_list.parse_args(["--renders", "0"])
    assert "--renders must be at least 1" in capsys.readouterr().err


def test_call_reads_the_answer_and_closes_it_as_a_server_does():
    """A request reaches the application with the reader's headers; its body is read and closed."""
    seen = {}

    class Body(list):
        closed = False

        def close(self):
            Body.closed = True

    def application(environ, start_response):
        seen.update(environ)
        start_response("304 Not Modified", [("ETag", '"abc"'), ("X-Newsdesk-Cache", "hit")])
        return Body([b""])

    answer = call(application, "/api/v1/stories/", "section=security", etag='"abc"')

    assert (answer.status, answer.headers["x-newsdesk-cache"]) == (304, "hit")
    assert seen["HTTP_IF_NONE_MATCH"] == '"abc"'
    assert seen["QUERY_STRING"] == "section=security"
    assert seen["HTTP_ACCEPT"] == "application/json"
    assert Body.closed


def api_answer(*web_urls):
    results = [{"web_url": url} for url in web_urls]
    return Answer("200 OK", [], json.dumps({"results": results}).encode())


def page_answer(*links):
    html = "".join(f'<a href="{link}">story</a>' for link in links)
    return Answer("200 OK", [], html.encode())


def test_same_stories_counts_the_api_stories_the_page_links():
    """Every story of the API's answer linked from the section page: their number."""
    api = api_answer("http://localhost/en/security/a/", "http://localhost/en/security/b/")
    page = page_answer("/en/security/", "/en/security/b/", "/en/security/a/")

    assert same_stories(api, page) == 2


def test_a_story_the_page_does_not_show_stops_the_benchmark():
    """Two lists of different stories are not compared: the benchmark exits naming the story."""
    api = api_answer("http://localhost/en/security/a/", "http://localhost/en/security/c/")

    with pytest.raises(SystemExit, match="/en/security/c/"):
        same_stories(api, page_answer("/en/security/a/"))


def test_an_empty_list_stops_the_benchmark():
    """An empty API answer would make every ratio meaningless."""
    with pytest.raises(SystemExit, match="none listed"):
        same_stories(api_answer(), page_answer("/en/security/a/"))


def test_the_api_and_the_page_take_turns_request_by_request():
    """A, B, B, A, A, B: a burst on the shared machine falls on both, not on one run."""
    asked = []

    def application(environ, start_response):
        asked.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b""]

    targets = [api_story_list.Target("API", "/api/"), api_story_list.Target("page", "/en/")]
    results = api_story_list.run(application, "hit", targets, 3)

    assert asked == ["/api/", "/en/", "/en/", "/api/", "/api/", "/en/"]
    assert len(results) == 2
    assert all(wall >= 0 and cpu >= 0 for wall, cpu in results)
