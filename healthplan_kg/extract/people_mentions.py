"""People a text names, one entry each with their best stated role and organisation, their later
mentions by surname alone, and the speakers of its quotes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from healthplan_kg.extract.anchored import finditer_at, is_word, word_start_occurrences
from healthplan_kg.extract.mention_state import MentionState
from healthplan_kg.extract.normalise import fold
from healthplan_kg.extract.people import RANK_STATED, find_people
from healthplan_kg.extract.quotes import FoundQuote
from healthplan_kg.extract.relations import Resolved
from healthplan_kg.extract.speakers import SpeakerResolver
from healthplan_kg.model import EntityRef, PersonRole, Quote, Span

_WORKPLACE_PREPOSITIONS = frozenset("i ved hos hjå på fra frå".split())


class PeopleMentions(MentionState):
    """The steps of ``MentionFinder`` that find people, their roles and the speakers of quotes."""

    def _person_ref(self, name: str) -> EntityRef:
        for hit in self.gazetteer.find_in_name(name):
            if hit.entry.kind == "Person" and hit.span.start == 0 and hit.span.end == len(name):
                return hit.ref()
        return EntityRef(name, "Person")

    def _people_mentions(self) -> None:
        for person in find_people(self.text):
            if self._overlaps(person.span, ("Organisation", "Commission", "PolicyDocument")) \
                    or self._in_address(person.span):
                continue
            ref = self._person_ref(person.name)
            org = None
            inside: list[Resolved] = []
            if person.org_text is not None:
                inside = [r for r in self.resolved.starting_in(person.org_text.start, person.org_text.end)
                          if r.entity.kind in ("Organisation", "Commission")]
                if inside:
                    org = max(inside, key=lambda r: r.span.end - r.span.start).entity
            role = _role_text(person.role) if person.role else None
            if role and person.complement and not _names_only(person.complement, inside):
                # "professor i folkehelse", "prosjektleiar for Strategi 2040": the complement
                # is part of the role; "styreleder i KS" keeps the body apart, as its organisation.
                role = f"{role} {person.complement}"
            self._note_person(ref, role, org, person.span, person.rank)
        for r in list(self.resolved):
            if r.entity.kind == "Person":
                self._note_person(r.entity, None, None, r.span)
        for ref, _, _, span in list(self._people.values()):
            if not self.resolved.has_span(span):
                self._add(span, ref)
        # Later mentions by surname alone ("seier Guldvog"): every surname's possible places
        # found in one pass, each surname's pattern tried only there.
        people = [(ref, ref.label.split()[-1]) for ref, _, _, _ in self._people.values()]
        places = word_start_occurrences(self.text, (surname for _, surname in people if is_word(surname[0])))
        for ref, surname in people:
            whole_word = re.compile(rf"\b{re.escape(surname)}\b")
            for m in finditer_at(whole_word, self.text, places.get(surname)):
                span = Span(m.start(), m.end(), m.group(0))
                if not self._overlaps(span):
                    self._add(span, ref)

    def _note_person(self, ref: EntityRef, role: str | None, org: EntityRef | None, span: Span,
                     rank: int = RANK_STATED) -> None:
        """One entry per person; of several roles, the best stated (a member list's bracketed
        role, then a current one, then a former one), and of those the fullest."""
        key = fold(ref.label)
        old = self._people.get(key)
        if old is None:
            self._people[key] = (ref, role, org, span)
            names = ref.label.split()
            if names:
                self._first_by_surname.setdefault(names[-1], ref)
            self._role_ranks[key] = rank if role else 0
            return
        old_rank = self._role_ranks.get(key, 0)
        better = role is not None and (not old[1] or rank > old_rank
                                       or (rank == old_rank and len(role) > len(old[1])))
        if better:
            self._role_ranks[key] = rank
            self._people[key] = (old[0], role, org or old[2], old[3])
        else:
            # An organisation comes with its role: a former role's body is not the current one's.
            take_org = old[2] is None and (role is None or rank >= old_rank)
            self._people[key] = (old[0], old[1], org if take_org else old[2], old[3])

    def person_named(self, name: str | None, span: Span | None) -> EntityRef | None:
        if not name:
            return None
        key = fold(name)
        if key in self._people:
            return self._people[key][0]
        ref = self._person_ref(name)
        if span is not None:
            self._note_person(ref, None, None, span)
            self._add(span, ref)
        return ref

    def people_roles(self) -> list[PersonRole]:
        return [PersonRole(person=ref, span=span, role=role, organisation=org)
                for ref, role, org, span in sorted(self._people.values(), key=lambda p: p[3].start)]

    def quotes(self, found: Sequence[FoundQuote]) -> list[Quote]:
        """Each quote with its speaker; a quote whose attribution names nobody is dropped."""
        resolver = SpeakerResolver(self.text, self.resolved,
                                   {ref: role for ref, role, _, _ in self._people.values()},
                                   self._person_named_by_attribution)
        out: list[Quote] = []
        previous: EntityRef | None = None
        previous_end = -1
        for q in found:
            if q.speaker_span is not None:
                speaker = resolver.speaker(q.speaker_span, q.span.start)
            else:
                # An unattributed quote right after another continues it; else the lead's person.
                gap = self.text[previous_end:q.span.start] if previous_end >= 0 else ""
                continues = previous is not None and gap.count("\n") <= 3
                speaker = previous if continues else self._lead_person(q.span.start)
            if speaker is None:
                continue
            entry = self._people.get(fold(speaker.label))
            role = entry[1] if entry and q.speaker_span is not None else None
            out.append(Quote(speaker=speaker, text=q.span.text, span=q.span, role=role))
            previous, previous_end = speaker, q.span.end
        return out

    def _person_named_by_attribution(self, name: str, span: Span) -> EntityRef | None:
        """A person the attribution alone names ("sier Vestre"): noted, and mentioned there."""
        known = self._people.get(fold(name))
        if known is not None:
            return known[0]
        surname_of = self._first_by_surname.get(name)
        if surname_of is not None:
            return surname_of
        return self.person_named(name, span)

    def _lead_person(self, before: int) -> EntityRef | None:
        first = self.resolved.first_of_kind_before("Person", before)
        return first.entity if first is not None else None


def _names_only(complement: str, orgs: Sequence[Resolved]) -> bool:
    """Whether a role's complement names the body a person works at ("i KS", "ved UiO"): then the
    body is the organisation, not part of the role ("leiar for utvalet" keeps it)."""
    words = complement.split(maxsplit=1)
    if len(words) < 2 or words[0].lower() not in _WORKPLACE_PREPOSITIONS:
        return False
    return any(fold(r.span.text) == fold(words[1]) for r in orgs)


def _role_text(role: str) -> str:
    role = re.sub(r"\s+", " ", role).strip()
    if len(role) > 1 and role[0].isupper() and role[1].islower():
        role = role[0].lower() + role[1:]
    return role
