"""A plain Wagtail site from PyPI, the serving benchmark's peer: one story page, nothing cached."""
