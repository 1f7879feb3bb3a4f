"""Outgoing email: every message Django, Wagtail and Newsdesk send is queued as a background
task and delivered through the mail server `NEWSDESK_EMAIL_URL` names, with retries.

See docs/apps/outbox.md."""
