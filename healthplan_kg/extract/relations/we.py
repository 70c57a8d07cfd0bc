""""Vi" (nynorsk "me") in the government's own voice: a minister's speech or article says "Derfor
skal vi legge fram ei tillitsreform" right after "Regjeringa meiner ...". When the body that last
opened a sentence is the government or a ministry, "vi" presenting or announcing a document with
no other agent in its clause is that body.
"""

from __future__ import annotations

import re

from healthplan_kg.extract.relations import cues
from healthplan_kg.extract.relations.ends import AGENTS
from healthplan_kg.extract.relations.sentence import CueSentence, RelationContext, acts_on

_WE = re.compile(r"\b(?:vi|me)\b", re.IGNORECASE)
#: The kinds of body whose "vi" is the government's.
GOVERNING = ("government", "ministry")


@acts_on(cues.PRESENTS, cues.ANNOUNCES)
def we_the_government(s: CueSentence, context: RelationContext) -> None:
    actor = context.last_actor
    if actor is None or actor.sub_kind not in GOVERNING or not _WE.search(s.text):
        return
    if any(r.predicate == "announces" for r in s.out):
        return
    for pattern in (cues.PRESENTS, cues.ANNOUNCES):
        for m in s.each(pattern):
            clause_start = max(s.text.rfind(",", 0, m.start()), 0)
            if s.before(m.start(), AGENTS) or not (_WE.search(s.text, clause_start, m.start())
                                                   or _WE.search(m.group(0))):
                continue
            doc = s.document_after(m.end())
            if doc is not None:
                s.add("announces", actor, doc.entity)
                return
