"""Bench-only Django app: stories as Wagtail pages, the peer that snippets are measured against."""
