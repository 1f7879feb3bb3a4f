"""Moderation's HTTP views: the admin's queue, actions, bans and log, and the digest's unsubscribe
page. Each view reads the request, calls one function of services.py (or digest.py) and answers."""

from newsdesk.moderation.views.analyze import comments_analyze
from newsdesk.moderation.views.bans import BanCreateView, BanIndexView, LiftBanView
from newsdesk.moderation.views.log import ModerationLogIndexView, log_csv
from newsdesk.moderation.views.privacy import export_commenter_data
from newsdesk.moderation.views.queue import (
    BanFromCommentView,
    CommentActionView,
    CommentEditView,
    CommentIndexView,
    CommentInspectView,
    comment_reasons,
)
from newsdesk.moderation.views.unsubscribe import unsubscribe

__all__ = [
    "BanCreateView",
    "BanFromCommentView",
    "BanIndexView",
    "CommentActionView",
    "CommentEditView",
    "CommentIndexView",
    "CommentInspectView",
    "LiftBanView",
    "ModerationLogIndexView",
    "comment_reasons",
    "comments_analyze",
    "export_commenter_data",
    "log_csv",
    "unsubscribe",
]
