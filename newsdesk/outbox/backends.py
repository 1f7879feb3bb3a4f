"""The email backend Django and Wagtail send through: it queues each message as a task."""

from django.core.mail.backends.base import BaseEmailBackend

from newsdesk.outbox.tasks import queue_messages


class OutboxEmailBackend(BaseEmailBackend):
    """Queue every message for `newsdesk.outbox.tasks.deliver_email`, one task per message, so a
    failed one is retried alone. Password reset and Wagtail's workflow notices come through here."""

    def send_messages(self, email_messages) -> int:
        try:
            return len(queue_messages([m for m in email_messages if m.recipients()]))
        except Exception:
            if not self.fail_silently:
                raise
            return 0
