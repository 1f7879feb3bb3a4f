"""The content API's endpoints: HTTP only; what they show comes from services.py.

Every answer showing content is tagged with the keys of what it shows (cache_keys.py), so
delivery adds the cache headers, the ETag and 304s, keeps it in the page cache and purges it
when any of it changes. Every request reaching Django counts against the reader's rate limit
(page-cache and proxy hits cost nothing and are not counted).
"""

from csp.decorators import csp_update
from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError
from ninja.openapi.docs import Swagger

from newsdesk.api import cache_keys, representations, schemas, services
from newsdesk.api.ninjs import story_to_ninjs
from newsdesk.delivery import make_key, tag_response
from newsdesk.rate_limits.services import Limit, take_slot
from newsdesk.reader_requests import reader_ip

api = NinjaAPI(
    title="Newsdesk content API",
    version="1",
    description=(
        "Published stories, sections, authors, agencies, tags and photos, read-only. "
        "Stories also as IPTC ninjs 3.x. See docs/apps/api.md."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs=Swagger(settings={"tryItOutEnabled": True}),
    docs_url="/docs/",
    # Swagger UI's stylesheet draws its arrows and icons as data: SVG images; the page is
    # otherwise under the readers' policy (scripts and styles from our own address only).
    docs_decorator=csp_update({"img-src": ["data:"]}),
)

ERRORS = {400: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}
ID = Path(..., ge=1, le=schemas.MAX_ID)


def within_rate_limit(view):
    """Count the request against the reader's limit; 429 with Retry-After past it."""

    def wrapped(request, *args, **kwargs):
        limit = Limit(
            "api-per-ip",
            settings.NEWSDESK_API_RATE_LIMIT,
            settings.NEWSDESK_API_RATE_LIMIT_MINUTES * 60,
        )
        decision = take_slot(limit, reader_ip(request) or "unknown")
        if decision.refused:
            return too_many_requests(decision.retry_after)
        return view(request, *args, **kwargs)

    return wrapped


def only_known_parameters(view):
    """400 for a query parameter the operation does not take, or one given twice."""

    def wrapped(request, *args, **kwargs):
        known = request.resolver_match and _known_parameters(request)
        if known is not None:
            for name in request.GET:
                if name not in known:
                    return problem(
                        "Unknown query parameter.",
                        [
                            (
                                name,
                                "not a parameter here; expected one of: "
                                + (", ".join(known) or "none"),
                            )
                        ],
                    )
                if len(request.GET.getlist(name)) > 1:
                    return problem("Repeated query parameter.", [(name, "given more than once")])
        return view(request, *args, **kwargs)

    return wrapped


api.add_decorator(within_rate_limit, mode="view")
api.add_decorator(only_known_parameters, mode="view")


def _known_parameters(request) -> list[str] | None:
    return QUERY_PARAMETERS.get(request.resolver_match.url_name)


def is_api_request(request: HttpRequest) -> bool:
    """Whether the request is for the API, whose every answer, errors included, is JSON."""
    return request.path_info.startswith("/api/")


def problem(detail: str, errors=(), status: int = 400) -> JsonResponse:
    return JsonResponse(
        {"detail": detail, "errors": [{"parameter": p, "message": m} for p, m in errors]},
        status=status,
    )


@api.exception_handler(ValidationError)
def bad_parameters(request, exc: ValidationError):
    errors = []
    for error in exc.errors:
        where = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        errors.append((".".join(where) or "request", error.get("msg", "is not valid")))
    return problem("Bad parameter.", errors)


@api.exception_handler(services.BadParameter)
def bad_parameter(request, exc: services.BadParameter):
    return problem("Bad parameter.", [(exc.parameter, exc.message)])


def too_many_requests(retry_after: int) -> JsonResponse:
    response = problem(f"Too many requests; try again in {retry_after} seconds.", status=429)
    response["Retry-After"] = str(retry_after)
    return response


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return problem(str(exc) or "Not found.", status=404)


def base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def tagged(request, data, keys):
    return tag_response(JsonResponse(data, json_dumps_params={"ensure_ascii": False}), keys)


def next_address(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@api.get("/v1/stories/", response={200: schemas.StoryList, **ERRORS}, url_name="stories")
def stories(request, filters: Query[schemas.StoryQuery]):
    """Published stories, newest first unless `ordering` says otherwise, a page at a time."""
    page = services.story_page(services.StoryFilters(**filters.dict()))
    root = base_url(request)
    data = schemas.StoryList(
        results=[representations.story(story, root) for story in page.stories],
        next=next_address(request, page.next_cursor),
        next_cursor=page.next_cursor,
    )
    return tagged(request, data.model_dump(mode="json"), cache_keys.story_list_keys(page.stories))


@api.get("/v1/stories/{story_id}/", response={200: schemas.StoryDetail, **ERRORS}, url_name="story")
def story(request, story_id: int = ID):
    """One published story with its body, photos and corrections."""
    found = services.find_story(story_id)
    data = schemas.StoryDetail(**representations.story_detail(found, base_url(request)))
    return tagged(request, data.model_dump(mode="json"), cache_keys.story_keys(found))


@api.get(
    "/v1/stories/{story_id}/live/",
    response={200: schemas.LiveCoverage, **ERRORS},
    url_name="story_live",
)
def story_live(request, page: Query[schemas.PageQuery], story_id: int = ID):
    """The entries of a story covered live, newest first (docs/apps/api.md, "Live coverage")."""
    shown = services.live_entries_page(story_id, page.cursor, page.limit)
    data = schemas.LiveCoverage(
        **representations.live_coverage(shown, base_url(request)),
        next=next_address(request, shown.next_cursor),
        next_cursor=shown.next_cursor,
    )
    return tagged(request, data.model_dump(mode="json"), cache_keys.live_keys(shown))


@api.get(
    "/v1/stories/{story_id}/ninjs",
    response={200: dict, **ERRORS},
    url_name="story_ninjs",
    openapi_extra={
        "responses": {
            200: {
                "description": "The story as an IPTC ninjs 3.1 item.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def story_ninjs(request, story_id: int = ID):
    """The same story as an IPTC ninjs 3.x item (docs/apps/api.md, "ninjs")."""
    found = services.find_story(story_id)
    return tagged(request, story_to_ninjs(found, base_url(request)), cache_keys.story_keys(found))


@api.get("/v1/sections/", response={200: schemas.SectionList, **ERRORS}, url_name="sections")
def sections(request):
    """The site's live sections, in the navigation's order."""
    root = base_url(request)
    data = {"results": [representations.section(s, root) for s in services.sections()]}
    return tagged(request, data, [cache_keys.SECTIONS_KEY])


@api.get(
    "/v1/sections/{section_id}/",
    response={200: schemas.SectionDetail, **ERRORS},
    url_name="section",
)
def section(request, section_id: int = ID):
    found = services.find_section(section_id)
    data = representations.section_detail(found, base_url(request))
    return tagged(request, data, [cache_keys.SECTIONS_KEY, make_key("section", found.pk)])


@api.get("/v1/authors/", response={200: schemas.AuthorList, **ERRORS}, url_name="authors")
def authors(request, page: Query[schemas.PageQuery]):
    """Staff authors by name, a page at a time."""
    shown, cursor = services.keyset_page(
        services.authors(), "name", "name", page.cursor, services.page_size(page.limit)
    )
    root = base_url(request)
    data = {
        "results": [representations.author(a, root) for a in shown],
        "next": next_address(request, cursor),
        "next_cursor": cursor,
    }
    keys = [cache_keys.LIST_KEY, *(make_key("author", a.pk) for a in shown)]
    return tagged(request, data, keys)


@api.get("/v1/authors/{author_id}/", response={200: schemas.Author, **ERRORS}, url_name="author")
def author(request, author_id: int = ID):
    found = services.find_author(author_id)
    data = representations.author(found, base_url(request))
    return tagged(request, data, [make_key("author", found.pk)])


@api.get("/v1/agencies/", response={200: schemas.AgencyList, **ERRORS}, url_name="agencies")
def agencies(request):
    """The wire agencies the newsroom credits."""
    root = base_url(request)
    data = {"results": [representations.agency(a, root) for a in services.agencies()]}
    return tagged(request, data, [cache_keys.LIST_KEY])


@api.get("/v1/tags/", response={200: schemas.TagList, **ERRORS}, url_name="tags")
def tags(request, page: Query[schemas.PageQuery]):
    """Tags of published stories by name, a page at a time."""
    shown, cursor = services.keyset_page(
        services.tags(), "name", "name", page.cursor, services.page_size(page.limit)
    )
    data = {
        "results": [representations.tag(t) for t in shown],
        "next": next_address(request, cursor),
        "next_cursor": cursor,
    }
    keys = [cache_keys.LIST_KEY, *(make_key("tag", t.pk, "label") for t in shown)]
    return tagged(request, data, keys)


@api.get("/v1/photos/{photo_id}/", response={200: schemas.Photo, **ERRORS}, url_name="photo")
def photo(request, photo_id: int = ID):
    """A photo readers can see (a story's lead photo, an author's portrait), with renditions."""
    found = services.find_photo(photo_id)
    data = representations.photo(found, base_url(request))
    return tagged(request, data, [make_key("photo", found.pk), cache_keys.LIST_KEY])


#: The query parameters each operation takes (anything else is a 400).
QUERY_PARAMETERS: dict[str, list[str]] = {
    "stories": list(schemas.StoryQuery.model_fields),
    "authors": list(schemas.PageQuery.model_fields),
    "tags": list(schemas.PageQuery.model_fields),
    **{
        name: []
        for name in ("story", "story_ninjs", "sections", "section", "author", "agencies", "photo")
    },
}
