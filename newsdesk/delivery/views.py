"""The one address delivery answers itself: whether this process can serve pages."""

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request):
    """200 "ok" when the process answers and its database does; for a caching proxy's probe.

    Not a page: no edition, no redirect to https (settings.SECURE_REDIRECT_EXEMPT), never
    cached. A probe of `/` would get the 302 to the reader's edition and mark the backend sick.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means: do not send readers here
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
