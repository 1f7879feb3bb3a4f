"""Wiring as an app, so the site-wide commands (`newsdesk serve`, `newsdesk worker`) have a home."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "newsdesk.config"
    label = "config"
    verbose_name = "Site wiring"
