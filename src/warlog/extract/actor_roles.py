"""ACLED actor roles for an event sentence, its trigger found by the type classifier when the caller has none.

`extract.types` reads actor mentions (`extract.actors`) to find triggers, and role assignment needs the trigger's
position: this module sits above both, so neither imports the other back.
"""

from __future__ import annotations

from warlog.extract.actors import ActorRoles
from warlog.extract.actors import assign_roles as _assign_roles
from warlog.extract.types import find_triggers


def trigger_position(sentence: str, sub_event_type: str | None) -> int | None:
    """The start of the first trigger of this sub-event type (any type when None), or None when there is none."""
    matches = [m for m in find_triggers(sentence) if sub_event_type is None or m.sub_event_type == sub_event_type]
    return min(m.start for m in matches) if matches else None


def assign_roles(
    sentence: str, sub_event_type: str | None, country: str | None = None, trigger_start: int | None = None
) -> ActorRoles:
    """ACLED actor1 (initiator) and actor2 (target) for the event the sentence describes; without a trigger position
    the type classifier's trigger is used, else a verb-ish keyword."""
    if trigger_start is None:
        trigger_start = trigger_position(sentence, sub_event_type)
    return _assign_roles(sentence, sub_event_type, country, trigger_start)
