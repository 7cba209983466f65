"""Other names a thing is known by (a theme's synonyms, a member's or an organisation's former
and informal names), as editors type them."""


def split_aliases(text: str) -> list[str]:
    """Aliases are typed one per line (or comma-separated) by editors."""
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]
