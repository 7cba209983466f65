"""The members' area's page types and the rows beside them (see section.py for the tree)."""

from .pages import CaseStudy, Insight, Licence, SharedTool, SharedToolFile, default_public_licence
from .section import (
    LISTING_PAGE_SIZE,
    SECTION_ROUTE_SLUGS,
    CommunityHomePage,
    KnowledgePage,
    ThemedPage,
    refuse_alias,
)
from .sessions import SessionGuest, SessionNote, guests_to_protect
from .site import AboutPage, HomePage
from .threads import ChallengeThread, Reply, ReplyVersion, ThreadFollow

__all__ = [
    "LISTING_PAGE_SIZE",
    "SECTION_ROUTE_SLUGS",
    "AboutPage",
    "CaseStudy",
    "ChallengeThread",
    "CommunityHomePage",
    "HomePage",
    "Insight",
    "KnowledgePage",
    "Licence",
    "Reply",
    "ReplyVersion",
    "SessionGuest",
    "SessionNote",
    "SharedTool",
    "SharedToolFile",
    "ThemedPage",
    "ThreadFollow",
    "default_public_licence",
    "guests_to_protect",
    "refuse_alias",
]
