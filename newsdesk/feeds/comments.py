"""A story's comments feed: its newest approved comments, newest first, in RSS, Atom and JSON
Feed. Pending, rejected and spam comments never appear; a comment withdrawn or edited purges
the feed (`comments-<id>`, discussion/caching.py), so does a change to the story (`story-<id>`)."""

from django.utils.html import linebreaks
from django.utils.translation import gettext

from newsdesk.articles.cache_keys import comments_key, story_key
from newsdesk.feeds import services
from newsdesk.feeds.feeds import ReaderFeed


class StoryCommentsFeed(ReaderFeed):
    address_arg = "pk"

    def get_object(self, request, story_id):
        return services.find_story(story_id)

    def title(self, story):
        return self.site_title(gettext("Comments on “%(headline)s”") % {"headline": story.headline})

    def link(self, story):
        return f"{story.get_absolute_url()}#comments"

    def description(self, story):
        return gettext("Readers' comments on “%(headline)s”") % {"headline": story.headline}

    def subtitle(self, story):
        return self.description(story)

    def items(self, story):
        self.story_url = story.get_absolute_url()
        self.keys += [story_key(story.pk), comments_key(story.pk)]
        comments = services.feed_comments(story)
        for comment in comments:
            comment.story = story  # one story for all: no query per comment
        return comments

    def item_title(self, comment):
        return gettext("Comment by %(name)s") % {"name": comment.author_name}

    def item_description(self, comment):
        # A comment is plain text; its paragraphs and line breaks become HTML.
        return linebreaks(comment.text, autoescape=True)

    def item_link(self, comment):
        page = f"?comments_page={comment.page}" if comment.page > 1 else ""
        return f"{self.story_url}{page}#comment-{comment.pk}"

    def item_guid(self, comment):
        return f"newsdesk:comment:{comment.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, comment):
        return comment.submitted_at

    def item_updateddate(self, comment):
        return comment.edited_at or comment.submitted_at

    def item_author_name(self, comment):
        return comment.author_name

    def item_extra_kwargs(self, comment):
        return {
            "credits": [{"name": comment.author_name, "url": "", "kind": "reader"}],
            "summary_text": comment.text,
        }
