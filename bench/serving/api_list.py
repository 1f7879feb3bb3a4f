"""The content API's story list (issue 9) in `make bench`: its page-cache hit and its render.

    steps.append(({8}, "Goal 8: API story list", lambda: api_list.measure(bench)))

Two setups taking turns, as every goal here, each beside the story page measured the same way
so the ratios say what the API costs against the page readers get:

- hit: `/api/v1/stories/` answered from the embedded page cache (no Django), against the lead
  story's page from the same cache;
- miss: each request asks for a page of stories no one asked before (its own
  `published_before`, a microsecond apart: the API refuses unknown parameters, so the
  usual `?bench=` cache buster would be a 400), so each renders its 20 stories, their photos'
  renditions and comment counts and is stored; against the story page's warm miss.

The site must not rate-limit the benchmark's one address: `NEWSDESK_API_RATE_LIMIT=0` in the
site's environment (`peers.newsdesk_env`); a 429 would count as an error in the table.
"""

from .goals import Goal, alternate
from .load import UNIQUE_QUERY_LUA

LIST = "/api/v1/stories/"

#: wrk script: every request its own `published_before`, unique per thread and request.
UNIQUE_BEFORE_LUA = """
local n = 0
local id = 0
setup = function(thread) id = id + 1; thread:set("tid", id) end
request = function()
  n = n + 1
  local micro = string.format("%06d", n % 1000000)
  local second = string.format("%02d", (tid * 7 + math.floor(n / 1000000)) % 60)
  local before = "2100-01-01T00:00:" .. second .. "." .. micro .. "Z"
  return wrk.format(nil, wrk.path .. "?published_before=" .. before)
end
"""


def measure(bench) -> list[Goal]:
    """Goal 8: the API's story list, hit and miss, each beside the story page's."""
    lead = bench.site["lead"]["url"]
    hits, renders = bench.options.connections, bench.options.render_connections
    goal = Goal(8, f"API story list: hits at {hits} connections, renders at {renders}")
    hit = alternate(
        [
            ("API list, page-cache hit", lambda n: bench.wrk("api-hit", "newsdesk", LIST, hits)),
            ("story page, page-cache hit", lambda n: bench.wrk("page-hit", "newsdesk", lead, hits)),
        ],
        bench.options.rounds,
    )
    miss = alternate(
        [
            (
                "API list, miss (unique query)",
                lambda n: bench.wrk(
                    "api-miss", "newsdesk", LIST, renders, script=UNIQUE_BEFORE_LUA
                ),
            ),
            (
                "story page, miss (unique query)",
                lambda n: bench.wrk(
                    "page-miss", "newsdesk", lead, renders, script=UNIQUE_QUERY_LUA
                ),
            ),
        ],
        bench.options.rounds,
    )
    api_hit, page_hit = hit.values()
    api_miss, page_miss = miss.values()
    goal.rows = [api_hit, page_hit, api_miss, page_miss]
    for what, ours, peer in (
        ("API list hit / story page hit", api_hit, page_hit),
        ("API list miss / story page miss", api_miss, page_miss),
    ):
        ratio = ours.rate / peer.rate if peer.rate else 0.0
        goal.checks.append((what, f"{ratio:.2f}x", "(reference)", None))
    goal.notes.append(
        "The API list shows 20 stories with byline, tags, lead photo (six renditions) and "
        "comment count; the demo has fewer, so it shows them all. Errors count any answer but "
        "2xx/3xx: a 429 means the site's NEWSDESK_API_RATE_LIMIT was not turned off."
    )
    return [goal]
