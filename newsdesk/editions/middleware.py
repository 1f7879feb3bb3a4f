"""Which language a request is served in: its edition's, from the address (docs/editions.md)."""

from collections.abc import Callable

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.urls import is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

from newsdesk.editions import services


class EditionMiddleware:
    """In place of Django's LocaleMiddleware: the address's edition decides the language.

    - `/ru/...`: Russian, whatever the browser asks for.
    - `/`: a 302 to the edition the browser's language (or the language cookie) picks; with a
      query, first the redirect kept for an old site's address (`/?p=123`), if there is one.
    - an address of the time before editions (`/security/2026/...`): a 301 to the same address in
      the default edition, so old links and search results keep working.
    - addresses outside the editions (the admin, static files, moderation): the browser's
      language, as before; the admin then applies each editor's own choice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        edition = services.edition_from_path(request.path_info)
        if edition is not None:
            return self._serve(request, edition)
        if getattr(request, "is_dummy", False):
            # Wagtail's preview of a snippet runs a made-up request for "/" through the
            # middleware; the story's preview then renders in the story's own edition.
            return self._serve(request, translation.get_language_from_request(request))
        if request.path_info == "/":
            moved = _old_site_redirect(request)
            if moved is not None:
                return moved
            chosen = services.edition_for_browser(
                request.headers.get("Accept-Language", ""),
                request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
            )
            response = HttpResponseRedirect(_with_query(request, f"/{chosen}/"))
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
            return response
        language = translation.get_language_from_request(request)
        response = self._serve(request, language)
        if response.status_code == 404:
            # Only an address nothing answers can be one of the time before editions: the
            # admin, the API and static files never pay for the look-up.
            moved = _in_default_edition(request)
            if moved is not None:
                return moved
        patch_vary_headers(response, ["Accept-Language"])
        return response

    def _serve(self, request: HttpRequest, language: str) -> HttpResponse:
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def _old_site_redirect(request: HttpRequest) -> HttpResponse | None:
    """The redirect made for an old site's address at the root with a query (WordPress's
    `/?p=123`, kept by newsdesk.imports), which would otherwise land on an edition's front page."""
    if not request.META.get("QUERY_STRING"):
        return None
    path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    redirect = get_redirect(request, path)
    if redirect is None or redirect.link is None:
        return None
    if redirect.is_permanent:
        return HttpResponsePermanentRedirect(redirect.link)
    return HttpResponseRedirect(redirect.link)


def _in_default_edition(request: HttpRequest) -> HttpResponse | None:
    """A 301 to the default edition's address of the same path when it has one, else None."""
    urlconf = getattr(request, "urlconf", None)
    path = request.path_info
    if is_valid_path(path, urlconf) or (
        not path.endswith("/") and is_valid_path(f"{path}/", urlconf)  # CommonMiddleware's
    ):
        return None  # the address exists and answered 404 itself (an unknown story, say)
    target = f"/{services.default_edition()}{path}"
    with translation.override(services.default_edition()):
        if is_valid_path(target, urlconf):
            return HttpResponsePermanentRedirect(_with_query(request, target))
    return None


def _with_query(request: HttpRequest, path: str) -> str:
    query = request.META.get("QUERY_STRING", "")
    return f"{request.META.get('SCRIPT_NAME', '')}{path}" + (f"?{query}" if query else "")
