"""Travel events: who went where, when, with what status, on what evidence.

One mechanism, in passes over the parse (each its own module):

* ``predicates``: a travel or presence word, verbal or nominal, from the lexicon in
  ``lists/extract/triggers.tsv`` (arrive, visit, flee, attend, "talks", "pilgrimage", ...).
* ``arguments``: its travellers (the subject, the passive agent, the possessor or "of"
  object of a travel noun, every member of a subject group, named companions, people
  met abroad) and its places (any place in the predicate's own subtree, through
  prepositional chains, appositions and lists; an embassy is where it stands).
* ``when``: the date phrase attached to that predicate, not the nearest one.
* ``context``: coreference and per-article lookups (descriptions, the dateline, the
  last journey told).
* ``status``: occurred, reported, planned, cancelled or denied, and any exemption.
* ``merge``: the same trip told several times becomes one event.

``finder.EventFinder`` runs the passes sentence by sentence.

"""

from travelban.extract.events.finder import EventFinder
from travelban.extract.events.merge import events_for_dates

__all__ = ["EventFinder", "events_for_dates"]
