"""ASGI entry point for application servers (uvicorn, daphne)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.config.settings.production")

application = get_asgi_application()
