"""One counter per limit and key: how many requests it counted in its current window."""

from django.db import models


class RateCounter(models.Model):
    """Requests counted for one key (a hashed address or email) under one named limit.

    The window opens with the first request counted and lasts the limit's length; the first
    request after it ends opens a new one. Rows are written only by
    `newsdesk.rate_limits.services.take_slot`, in one atomic statement.
    """

    name = models.CharField(max_length=64, help_text="The limit, e.g. comments-per-ip.")
    key = models.CharField(max_length=64, help_text="A keyed hash of the address or email.")
    # Seconds since the epoch: compared in SQL by the upsert, identically on every database.
    window_start = models.FloatField()
    window_end = models.FloatField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "rate_limits_ratecounter"  # named in services.UPSERT
        constraints = [
            models.UniqueConstraint(fields=["name", "key"], name="rate_counter_one_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.key[:8]}: {self.count}"
