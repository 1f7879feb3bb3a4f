"""The site's addresses: the admin, reader pages of our apps, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("newsdesk.bylines.urls")),
    path("", include("newsdesk.articles.urls")),
    path("", include("newsdesk.feeds.urls")),
    path("", include("newsdesk.live.urls")),
    path("", include("newsdesk.reactions.urls")),
    path("", include("newsdesk.discussion.urls")),
    path("moderation/", include("newsdesk.moderation.urls")),
    path("", include("newsdesk.sections.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
