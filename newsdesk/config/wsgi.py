"""WSGI entry point for application servers (granian, gunicorn, uwsgi, mod_wsgi).

The page cache's hit path wraps Django's handler, so a cached reader page is answered before
URL resolution, middleware and templates (docs/apps/delivery.md).
"""

import os

from django.core.wsgi import get_wsgi_application

from newsdesk.delivery.wsgi import PageCacheApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.config.settings.production")

application = PageCacheApp(get_wsgi_application())
