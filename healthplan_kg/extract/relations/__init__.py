"""Relations of the analyst contract, from sentence-level cues in bokmål and nynorsk.

``cues`` holds the cue patterns (active, passive and nominal forms), ``modality`` tells a stated
fact from a negated or hypothetical one, ``ends`` turns mentions, enumerations and bullet items
into relation ends, ``sentence`` is one cue sentence with its subject and object look-ups,
``documents`` and ``bodies`` say, for each cue, which side holds the subject and which the
objects, and ``rules`` runs them in order.

Rules that need more than one cue and its neighbours each have a module of their own: ``steering``
(a steering document handed down to bodies named in the next sentence), ``units`` (a unit of an
organisation; a body part of a body), ``together`` ("sammen med" as collaboration),
``commissioned`` (a task's giver after "ifølge"; the work of the body that last acted; goals set
for a body), ``we`` ("vi" in the government's voice), ``inversion`` (the subject after the verb),
``owners`` (a possessive body issues its document), ``anaphora`` ("Reformen" for the reform just
named) and ``apposition`` (an identifier in apposition decides the document).
"""

from healthplan_kg.extract.relations.cues import ANY_CUE as _ANY_CUE
from healthplan_kg.extract.relations.cues import ASK, ASSIGN_GIVE
from healthplan_kg.extract.relations.cues import RULE_CUES as _RULE_CUES
from healthplan_kg.extract.relations.ends import BODIES, DOCUMENTISH, EndFinder, Resolved
from healthplan_kg.extract.relations.rules import extract_relations
from healthplan_kg.extract.relations.sentence import RelationContext

__all__ = ["ASK", "ASSIGN_GIVE", "BODIES", "DOCUMENTISH", "EndFinder", "RelationContext", "Resolved",
           "_ANY_CUE", "_RULE_CUES", "extract_relations"]
