"""What an organisation's name and its municipality may be, as a superadmin types them."""

from __future__ import annotations

from mentorship.errors import InvalidInput

NAME_MAX = 200
MUNICIPALITY_MAX = 100


def _clean(text: str, limit: int, key: str) -> str:
    value = " ".join(text.split())
    if not value or not any(ch.isalnum() for ch in value):
        raise InvalidInput(f"{key}-empty")
    if len(value) > limit:
        raise InvalidInput(f"{key}-too-long", max=limit)
    return value


def clean_name(text: str) -> str:
    return _clean(text, NAME_MAX, "org-name")


def clean_municipality(text: str) -> str:
    return _clean(text, MUNICIPALITY_MAX, "org-municipality")
