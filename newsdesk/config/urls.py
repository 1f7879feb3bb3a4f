"""The site's addresses: the admin, then each edition's reader pages (`/en/`, `/ru/`, `/ar/`: our
apps', then Wagtail's page tree). Addresses without an edition redirect (editions.middleware)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views import serve as documents

from newsdesk.delivery import cached_page
from newsdesk.delivery.views import health
from newsdesk.feeds.views import robots_txt

#: Wagtail's document addresses (wagtail.documents.urls), with an id of at most 18 digits: a
#: longer one, which no document has, is a 404. Wagtail's pattern took any number of digits to
#: the database query, where one past Python's 4,300-digit limit for int() was a 500.
document_patterns = [
    re_path(r"^(\d{1,18})/(.*)$", documents.serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        documents.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]

urlpatterns = [
    # For a caching proxy's or a load balancer's health probe (deploy/varnish/newsdesk.vcl).
    path("healthz", health, name="health"),
    # One for the whole site, naming each edition's sitemaps; purged with the navigation.
    path("robots.txt", cached_page("nav")(robots_txt), name="robots-txt"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(document_patterns)),
    path("", include("newsdesk.api.urls")),
    path("moderation/", include("newsdesk.moderation.urls")),
    path("", include("newsdesk.sections.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("newsdesk.bylines.urls")),
    path("", include("newsdesk.articles.urls")),
    path("", include("newsdesk.feeds.urls")),
    path("", include("newsdesk.live.urls")),
    path("", include("newsdesk.reactions.urls")),
    path("", include("newsdesk.discussion.urls")),
    path("", include(wagtail_urls)),
)

handler400 = "newsdesk.config.errors.bad_request"
handler404 = "newsdesk.config.errors.page_not_found"
