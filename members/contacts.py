"""What a contact detail looks like: an email address, a social handle, a UK phone number or a
profile link. The non-attribution check finds these in text (attribution/check.py); public
contacts are approved by kind (members/models.py)."""

import re

EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
    r"\.[A-Za-z]{2,}(?![\w-])"
)
HANDLE_RE = re.compile(r"(?<![\w@./])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
PHONE_RE = re.compile(
    r"(?<![\w+./:-])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d\s()-]{7,14}\d(?![\w/.:-]*\d)"
)
URL_RE = re.compile(
    r"(?:https?://|www\.|(?<![\w.@/-])(?:[a-z0-9-]+\.)?(?:linkedin\.com|twitter\.com|x\.com"
    r"|facebook\.com|instagram\.com|bsky\.app|threads\.net|tiktok\.com|youtube\.com"
    r"|medium\.com|github\.com|mastodon\.social)/)[^\s<>()\[\]\"']+",
    re.IGNORECASE,
)


def contact_kind(value: str) -> str | None:
    """What kind of contact detail the whole of `value` is, or None if it is none."""
    value = value.strip()
    for kind, pattern in (("email", EMAIL_RE), ("handle", HANDLE_RE), ("profile link", URL_RE)):
        if pattern.fullmatch(value):
            return kind
    if PHONE_RE.fullmatch(value) and 10 <= len(phone_digits(value)) <= 11:
        return "phone"
    return None


def phone_digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("44"):
        digits = "0" + digits[2:].lstrip("0")
    return digits
