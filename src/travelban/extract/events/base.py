"""What every pass of the event finder reads: the vocabulary, the gazetteer, the status cue
tables, and the per-trigger scratch state the argument pass keeps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from travelban.extract.vocab import Trigger, Vocabulary
from travelban.models import EventStatus, Place

if TYPE_CHECKING:
    from travelban.extract.events.context import GazetteerLike, _Context
    from travelban.extract.events.merge import _Raw


class PassBase:
    """Attributes the passes share; :class:`EventFinder` sets them once."""

    vocab: Vocabulary
    gazetteer: GazetteerLike
    planned_gov: dict[str, EventStatus]
    modifiers: dict[str, EventStatus]
    aux: dict[str, EventStatus]
    negation: dict[str, EventStatus]
    reporting: set[str]
    adverbs: dict[str, EventStatus]
    phrasal: dict[tuple[str, ...], EventStatus]
    # scratch state of the trigger being read (set by the argument pass)
    _anchor: dict[int, Any]
    _met_pids: set[str]
    _pair_pids: set[str]
    _host_countries: set[str]

    def _exemption(self, tok: Any, si: int, ctx: _Context) -> str:
        """The sentence quoting an exemption or permission, else "" (the status pass)."""
        raise NotImplementedError

    def _trigger(self, tok: Any) -> Trigger | None:
        """The travel word a token is, if any (the predicates pass)."""
        raise NotImplementedError

    def _travel_word(self, tok: Any) -> bool:
        """A word that tells a trip, not mere presence (the predicates pass)."""
        raise NotImplementedError

    def _events_for(
        self,
        tok: Any,
        trig: Trigger,
        si: int,
        ctx: _Context,
        so_far: list[_Raw],
        who: Any | None = None,
        scene: Place | None = None,
    ) -> list[_Raw]:
        """The events one trigger gives (the finder)."""
        raise NotImplementedError
