"""Challenge threads: a practice problem a member poses, its replies, and who follows it."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from ..markdown import QUESTION_MAX, REPLY_MAX, StoredMarkdown, stored_html
from .section import KnowledgePage


class ChallengeThread(StoredMarkdown, RoutablePageMixin, KnowledgePage):
    """A practice problem a member poses to the community, and the replies it draws."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        EXPLORING = "exploring", "Exploring"
        ANSWERED = "answered", "Answered"

    question = models.TextField(
        help_text=f"The question, in Markdown (up to {QUESTION_MAX:,} characters)."
    )
    question_html = stored_html()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)

    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        FieldPanel("status"),
        *KnowledgePage.summary_panels,
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("question"),
        index.FilterField("status"),
    ]
    markdown_fields = {"question": QUESTION_MAX}

    class Meta:
        verbose_name = "challenge thread"

    # The views import these models, so they are imported when a request arrives.
    @path("", name="thread")
    def thread(self, request):
        from ..views import threads

        return threads.thread_page(request, thread=self)

    @path("status/", name="status")
    def status_change(self, request):
        from ..views import threads

        return threads.status_change(request, thread=self)

    @path("follow/", name="follow")
    def follow(self, request):
        from ..views import threads

        return threads.follow(request, thread=self)

    @path("summary/", name="summary")
    def summary_write(self, request):
        from ..views import threads

        return threads.summary_write(request, thread=self)

    @path("replies/<int:reply_id>/edit/", name="reply_edit")
    def reply_edit(self, request, reply_id):
        from ..views import threads

        return threads.reply_edit(request, thread=self, reply_id=reply_id)

    @path("replies/<int:reply_id>/withdraw/", name="reply_withdraw")
    def reply_withdraw(self, request, reply_id):
        from ..views import threads

        return threads.reply_withdraw(request, thread=self, reply_id=reply_id)

    @path("replies/<int:reply_id>/learning/", name="reply_learning")
    def reply_learning(self, request, reply_id):
        from ..views import threads

        return threads.reply_learning(request, thread=self, reply_id=reply_id)


class Reply(StoredMarkdown, models.Model):
    """A member's reply on a challenge thread, in Markdown.

    Replies are conversation, not curated content, so they live outside page revisions: a
    member posts one without publishing the thread. Edits keep the earlier wording in
    ReplyVersion; withdrawing removes the words and leaves a placeholder in the thread.
    """

    thread = models.ForeignKey(ChallengeThread, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, related_name="replies"
    )
    body = models.TextField()
    body_html = stored_html()
    is_learning = models.BooleanField(
        default=False, help_text="The convener marked this reply as the thread's learning."
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    markdown_fields = {"body": REPLY_MAX}

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "replies"
        constraints = [
            models.UniqueConstraint(
                fields=["thread"],
                condition=models.Q(is_learning=True),
                name="one_learning_reply_per_thread",
            )
        ]

    def __str__(self):
        return f"Reply {self.pk} on {self.thread_id}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class ReplyVersion(StoredMarkdown, models.Model):
    """An earlier wording of a reply, kept when its author edits it."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="versions")
    body = models.TextField()
    body_html = stored_html()
    written_at = models.DateTimeField()

    markdown_fields = {"body": REPLY_MAX}

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return f"Reply {self.reply_id} as written at {self.written_at:%Y-%m-%d %H:%M}"


class ThreadFollow(models.Model):
    """A member following a thread, to hear about new replies."""

    thread = models.ForeignKey(ChallengeThread, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="followed_threads"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "member"], name="follow_a_thread_once")
        ]

    def __str__(self):
        return f"{self.member} follows {self.thread}"
