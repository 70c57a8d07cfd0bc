"""What the web service works out once per build, counted in store queries on the built bundled
corpus: the answers it prepares as a build is opened, and one run for a question asked by many
requests at once."""

from __future__ import annotations

import threading
import time

import pytest

from healthplan_kg.api import KnowledgeGraph
from healthplan_kg.store.embedded import EmbeddedStore
from healthplan_kg.web.service import GraphService


class CountingStore:
    """The real embedded store, counting the queries it is sent; ``gate`` holds each one back
    until it is set."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.queries = 0
        self.gate = threading.Event()
        self.gate.set()
        self._lock = threading.Lock()

    def query(self, *args, **kwargs):
        with self._lock:
            self.queries += 1
        self.gate.wait(30)
        return self.store.query(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.store, name)


@pytest.fixture
def counted(built_store):
    store = CountingStore(EmbeddedStore.open(built_store, read_only=True))
    service = GraphService(KnowledgeGraph(store), cache_size=64)
    yield service, store
    service.close()
    store.store.close()


def test_the_answers_without_parameters_are_prepared_once_per_build(counted):
    service, store = counted
    service.warm()
    deadline = time.monotonic() + 120
    while not service.ready():
        assert time.monotonic() < deadline, "warming did not finish"
        time.sleep(0.1)
    prepared = [q for q in service.registry if q.name != "search" and not any(p.required for p in q.parameters)]
    assert len(prepared) >= 10
    before = store.queries
    answers = {q.name: service.run(q.name) for q in prepared}
    assert store.queries == before          # every one from what was prepared
    for saved in prepared:                  # and the same rows as running it now
        assert answers[saved.name].rows == saved.run(store.store).rows, saved.name


def test_a_question_asked_by_many_requests_at_once_runs_once(counted):
    service, store = counted
    store.gate.clear()
    answers: list = []
    askers = [threading.Thread(target=lambda: answers.append(
        service.run("mentions", {"entity": "https://w3id.org/healthplan-kg/id/organisation/helsedirektoratet"})))
        for _ in range(8)]
    for asker in askers:
        asker.start()
    time.sleep(0.5)      # let them all ask (one arriving later finds the answer kept instead)
    store.gate.set()
    for asker in askers:
        asker.join(60)
    assert len(answers) == 8 and len(answers[0]) > 0
    assert all(answer is answers[0] for answer in answers)
    assert store.queries == 1
