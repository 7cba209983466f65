"""StreamField blocks for session notes: the record of a meeting, section by section."""

from wagtail import blocks

# Members-only text may link to documents but never embeds images: Wagtail images are public
# media, so anything shown in a community's section is a document behind its permission check.
MEMBERS_ONLY_RICH_TEXT_FEATURES = [
    "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link",
]  # fmt: skip


class NoteSectionBlock(blocks.RichTextBlock):
    """One section of a session's record; its heading is the block's label."""

    def __init__(self, **kwargs):
        super().__init__(features=MEMBERS_ONLY_RICH_TEXT_FEATURES, **kwargs)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["heading"] = self.label
        return context

    class Meta:
        template = "components/streamfield/blocks/note_section.html"
        icon = "doc-full"


class SessionRecordBlock(blocks.StreamBlock):
    """The sections a convener records after a session, in the order they happened."""

    updates = NoteSectionBlock(
        label="Updates since last time",
        description="Successes, challenges and learning since the last session.",
        preview_value="<p>Two members moved their home care contracts to outcomes.</p>",
    )
    presentation = NoteSectionBlock(
        label="Presentation",
        description="What a speaker or member presented.",
        preview_value="<p>An introduction to individual service funds.</p>",
    )
    discussion = NoteSectionBlock(
        label="Discussion",
        description="The discussion, without attribution.",
        preview_value="<p>Members compared how they handle direct payment audits.</p>",
    )
    insights = NoteSectionBlock(
        label="Insights",
        description="Learning points that came out of the session.",
        preview_value="<p>Start small: one ward, one provider.</p>",
    )
    actions = NoteSectionBlock(
        label="Actions",
        description="Who does what before the next session (roles, not names, where possible).",
        preview_value="<p>Share the ISF contract clause template.</p>",
    )
    challenges_raised = NoteSectionBlock(
        label="Challenges raised for future sessions",
        description="Questions the community wants to come back to.",
        preview_value="<p>How do we evaluate co-production?</p>",
    )
