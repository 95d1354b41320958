"""Pairs for the curator, one module per job:

- `cards` — the access check every use case starts with (the actor curates the pair's organisation), pair cards,
  the lists of proposals and of decided pairs;
- `proposals` — matching stored as proposals (pairs and groups), proposals by hand;
- `lifecycle` — approval (active at once, or waiting for consents), rejection, ending and completing;
- `activation` — a waiting pair starts when the last consent comes (called by services/participation.py);
- `announcements` — what each side is told when a pair becomes active.

Messages go to the outbox in the transaction of the change (ref `pair:<id>`), so a change that is rolled back
tells nobody and a restart loses no message. Callers use the names below (`pairs.approve(...)`).
"""

from mentorship.services.pairs.activation import activate_waiting
from mentorship.services.pairs.announcements import Announcement, announcements
from mentorship.services.pairs.cards import PairCard, card, list_pairs, organisation_of_person, pending
from mentorship.services.pairs.lifecycle import (
    ORDER_NUMBER_LIMIT,
    REASON_LIMIT,
    MenteeTaken,
    approve,
    end_pair,
    parse_order,
    reject,
)
from mentorship.services.pairs.proposals import (
    TURNED_DOWN,
    RankedMentor,
    Suggested,
    mentors_for,
    propose_by_hand,
    suggest,
    suggest_explained,
)

__all__ = [
    "ORDER_NUMBER_LIMIT",
    "REASON_LIMIT",
    "TURNED_DOWN",
    "Announcement",
    "MenteeTaken",
    "PairCard",
    "RankedMentor",
    "Suggested",
    "activate_waiting",
    "announcements",
    "approve",
    "card",
    "end_pair",
    "list_pairs",
    "mentors_for",
    "organisation_of_person",
    "parse_order",
    "pending",
    "propose_by_hand",
    "reject",
    "suggest",
    "suggest_explained",
]
