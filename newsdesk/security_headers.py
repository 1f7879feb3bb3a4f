"""The Content-Security-Policy a response carries: the readers' strict one, or the admin's.

django-csp builds the header. Reader pages get `CONTENT_SECURITY_POLICY`, with no inline script or
style allowed; the Wagtail admin (its editor, choosers and previews, all under its own address)
gets `CONTENT_SECURITY_POLICY_ADMIN`, which allows what Wagtail's own templates still need
(inline scripts and styles, data: and blob: images). Both are documented in docs/operations.md.

Two things are worked out per request rather than written in the settings:

- `frame-ancestors` follows the response's X-Frame-Options, so the one decorator a view already
  uses for framing (Wagtail's previews are SAMEORIGIN, everything else DENY) governs both headers;
  browsers that know `frame-ancestors` ignore X-Frame-Options when both are sent.
- A preview is rendered by Wagtail through the whole middleware chain a second time, for a
  "dummy" request to the reader's address (`request.is_dummy`). That inner pass gives the preview
  the readers' policy, so an editor sees what readers' browsers will block; the real request
  around it then adds the `frame-ancestors` its own X-Frame-Options calls for.
- When MEDIA_URL or STATIC_URL is an absolute address (media on a CDN), its origin is added to
  the directives that load from it.
"""

import functools

from csp.constants import HEADER, NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import NoReverseMatch, reverse

from newsdesk.reader_requests import origin_of

#: What `frame-ancestors` says for each X-Frame-Options value.
FRAME_ANCESTORS = {"DENY": [NONE], "SAMEORIGIN": [SELF]}


@functools.lru_cache(maxsize=8)
def admin_prefix(urlconf: str | None = None) -> str:
    """The path the Wagtail admin lives under ("/admin/"), once per URL configuration."""
    try:
        return reverse("wagtailadmin_home", urlconf=urlconf)
    except NoReverseMatch:
        return "/admin/"


def is_admin_request(request: HttpRequest) -> bool:
    """Whether the request is for the Wagtail admin, its previews included."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return request.path_info.startswith(admin_prefix(urlconf))


def is_dummy(request: HttpRequest) -> bool:
    """Whether Wagtail made this request up to render a preview inside a real one."""
    return getattr(request, "is_dummy", False)


def frame_ancestors(response: HttpResponseBase) -> list[str] | None:
    """`frame-ancestors` matching the response's X-Frame-Options; None when it may be framed."""
    if getattr(response, "xframe_options_exempt", False):
        return None
    option = response.get("X-Frame-Options") or getattr(settings, "X_FRAME_OPTIONS", "DENY")
    return FRAME_ANCESTORS.get(option.upper(), [NONE])


def asset_origins() -> dict[str, list[str]]:
    """Directives to widen with the origins of MEDIA_URL and STATIC_URL, when those are absolute."""
    media = origin_of(settings.MEDIA_URL or "")
    static = origin_of(settings.STATIC_URL or "")
    origins: dict[str, list[str]] = {}
    if media:
        for directive in ("img-src", "media-src"):
            origins.setdefault(directive, []).append(media)
    if static:
        for directive in ("script-src", "style-src", "img-src", "font-src"):
            origins.setdefault(directive, []).append(static)
    return origins


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy under the admin's address.

    Place it before XFrameOptionsMiddleware (and before any page cache), so that it sees the
    X-Frame-Options header the response will carry. A view's own django-csp decorators still
    win over both policies.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        inner_policy = response.get(HEADER)
        response = super().process_response(request, response)
        if inner_policy and "frame-ancestors" not in inner_policy and not is_dummy(request):
            # A policy set inside the view (a preview's inner pass, a served document):
            # only framing is decided out here.
            ancestors = frame_ancestors(response)
            if ancestors:
                response[HEADER] = f"{inner_policy}; frame-ancestors {' '.join(ancestors)}"
        return response

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None:
            if is_admin_request(request):
                policy = settings.CONTENT_SECURITY_POLICY_ADMIN
            else:
                policy = settings.CONTENT_SECURITY_POLICY
            parts.config = dict(policy["DIRECTIVES"])
        for directive, origins in asset_origins().items():
            if parts.config.get(directive):
                parts.config[directive] = [*parts.config[directive], *origins]
        replace = dict(parts.replace or {})
        if not is_dummy(request):
            replace.setdefault("frame-ancestors", frame_ancestors(response))
        parts.replace = replace
        return parts
