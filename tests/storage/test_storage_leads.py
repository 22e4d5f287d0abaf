"""Leads: recorded against stored streams, moved through allowed transitions, kept as
history."""

from __future__ import annotations

import pytest

from kreislauf.core.leads import LeadStatus
from kreislauf.errors import ConflictError, InputError, NotFoundError, UnitError
from kreislauf.storage import Repository
from tests.storage.regions import small_region


@pytest.fixture
def soest(repo: Repository) -> Repository:
    repo.save_region(small_region())
    return repo


def test_a_lead_goes_from_suggestion_to_implementation(soest: Repository) -> None:
    lead = soest.record_lead("soest", "o1", "n1", via=["uni"])
    assert (lead.status, lead.via, lead.id is not None) == (LeadStatus.SUGGESTED, ("uni",), True)
    soest.set_lead_status(lead.id, "contacted")
    soest.set_lead_status(lead.id, LeadStatus.NEGOTIATING, reason="Preis offen")
    done = soest.set_lead_status(
        lead.id, "implemented", actual_quantity=640.0, unit="t/a", reason="Vertrag"
    )
    assert (done.status, done.actual_quantity, done.unit) == (LeadStatus.IMPLEMENTED, 640.0, "t/a")
    assert done.created_at is not None and done.updated_at is not None
    assert done.updated_at >= done.created_at
    assert soest.get_lead(lead.id) == done
    history = soest.lead_history(lead.id)
    assert [(e.from_status, e.to_status, e.reason) for e in history] == [
        (None, LeadStatus.SUGGESTED, None),
        (LeadStatus.SUGGESTED, LeadStatus.CONTACTED, None),
        (LeadStatus.CONTACTED, LeadStatus.NEGOTIATING, "Preis offen"),
        (LeadStatus.NEGOTIATING, LeadStatus.IMPLEMENTED, "Vertrag"),
    ]


def test_transitions_outside_the_rules_are_conflicts(soest: Repository) -> None:
    lead = soest.record_lead("soest", "o1", "n1")
    with pytest.raises(InputError, match="needs a reason"):
        soest.set_lead_status(lead.id, "rejected")
    rejected = soest.set_lead_status(lead.id, "rejected", reason="zu weit")
    assert rejected.reason == "zu weit"
    with pytest.raises(ConflictError, match='from "rejected" to "implemented"'):
        soest.set_lead_status(lead.id, "implemented", actual_quantity=1, unit="t")
    soest.set_lead_status(lead.id, "suggested")  # reopened
    with pytest.raises(InputError, match="actual quantity and its unit"):
        soest.set_lead_status(lead.id, "implemented")
    with pytest.raises(UnitError):
        soest.set_lead_status(lead.id, "implemented", actual_quantity=3, unit="Tonnen")
    final = soest.set_lead_status(lead.id, "implemented", actual_quantity=3, unit="t")
    with pytest.raises(ConflictError, match="none \\(final\\)"):
        soest.set_lead_status(final.id, "rejected", reason="doch nicht")
    with pytest.raises(InputError, match='"done" is not a lead status'):
        soest.set_lead_status(final.id, "done")
    assert soest.get_lead(lead.id).status is LeadStatus.IMPLEMENTED


def test_a_lead_needs_an_offer_and_a_need_of_different_actors(soest: Repository) -> None:
    with pytest.raises(InputError, match='"n1" is a need, not an offer'):
        soest.record_lead("soest", "n1", "n2")
    with pytest.raises(InputError, match='"o2" is an offer, not a need'):
        soest.record_lead("soest", "o1", "o2")
    with pytest.raises(InputError, match='same actor "hof"'):
        soest.record_lead("soest", "o3", "n1")
    with pytest.raises(NotFoundError, match='no stream "o11"; did you mean "o1"'):
        soest.record_lead("soest", "o11", "n1")
    with pytest.raises(NotFoundError, match='no actor "nobody"'):
        soest.record_lead("soest", "o1", "n1", via=["nobody"])
    with pytest.raises(NotFoundError, match='no region "soes"'):
        soest.record_lead("soes", "o1", "n1")
    soest.record_lead("soest", "o1", "n1")
    with pytest.raises(ConflictError, match="already have lead"):
        soest.record_lead("soest", "o1", "n1")
    assert len(soest.list_leads("soest")) == 1


def test_leads_are_listed_by_region_and_status(soest: Repository) -> None:
    soest.save_region(small_region("hamm", "Hamm"))
    first = soest.record_lead("soest", "o1", "n1")
    soest.record_lead("soest", "o2", "n1", status="contacted")
    soest.record_lead("soest", "o3", "n2", status="rejected", reason="keine Lizenz")
    soest.record_lead("hamm", "o1", "n1")
    assert [lead.offer_id for lead in soest.list_leads("soest")] == ["o1", "o2", "o3"]
    assert [lead.offer_id for lead in soest.list_leads("soest", "contacted")] == ["o2"]
    rejected = soest.list_leads("soest", LeadStatus.REJECTED)
    assert [(lead.offer_id, lead.reason) for lead in rejected] == [("o3", "keine Lizenz")]
    assert [lead.region_id for lead in soest.list_leads("hamm")] == ["hamm"]
    with pytest.raises(NotFoundError):
        soest.get_lead(first.id + 100)


def test_an_implemented_lead_is_recorded_with_its_quantity(soest: Repository) -> None:
    with pytest.raises(InputError):
        soest.record_lead("soest", "o1", "n1", status="implemented")
    lead = soest.record_lead(
        "soest", "o1", "n1", status="implemented", actual_quantity=12.5, unit="t"
    )
    assert soest.get_lead(lead.id).actual_quantity == 12.5
