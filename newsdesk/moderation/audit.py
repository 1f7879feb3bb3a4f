"""Writing the moderation audit log: every decision, automatic or human, goes through here."""

from collections.abc import Iterable

from newsdesk.moderation.models import Ban, ModerationDecision


def record_decision(
    comment,
    action: str,
    *,
    actor=None,
    reasons: Iterable[dict] = (),
    note: str = "",
    story_id: int | None = None,
    ban: Ban | None = None,
    score: float | None = None,
    model_version: str = "",
) -> ModerationDecision:
    """Add one line to the audit log for `comment` (actor None means an automatic decision).

    `comment` may be None for a refused comment that was never stored (give `story_id`) or for
    a ban not made from a comment (give `ban`). Without a `score`, the line keeps the comment's
    own (the scorer's when it was posted) and the version of the model that gave it.
    """
    if comment is not None:
        story_id = comment.story_id
        if score is None and getattr(comment, "moderation_score", None) is not None:
            score = comment.moderation_score
            model_version = model_version or (
                ModerationDecision.objects.filter(comment=comment)
                .exclude(model_version="")
                .values_list("model_version", flat=True)
                .first()
                or ""
            )
    return ModerationDecision.objects.create(
        comment=comment,
        story_id=story_id,
        ban=ban,
        action=action,
        actor=actor,
        reasons=list(reasons),
        note=note,
        score=score,
        model_version=model_version,
    )
