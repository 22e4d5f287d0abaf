"""The impact dashboard: implemented exchanges in tonnes, CO2e, EUR and number, by month
and year; figures follow the actual quantities."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kreislauf.core.leads import Lead, LeadStatus


def lead(n: int, quantity: float, unit: str, when: datetime, status=LeadStatus.IMPLEMENTED) -> Lead:  # type: ignore[no-untyped-def]
    return Lead(
        "ms", "s1", "s3", status, actual_quantity=quantity, unit=unit, id=n, updated_at=when
    )


@pytest.mark.parametrize(
    ("quantity", "unit", "tonnes"),
    [(200, "t/a", 200.0), (500, "kg", 0.5), (3, "t", 3.0), (10, "MWh/a", None), (1, "m3", None)],
)
def test_tonnes_of(quantity, unit, tonnes) -> None:  # type: ignore[no-untyped-def]
    from kreislauf.web.routes.dashboard import tonnes_of

    assert tonnes_of(quantity, unit) == tonnes


def test_exchanges_scale_the_estimate_to_the_actual_quantity() -> None:
    from kreislauf.web.routes.dashboard import by_period, exchanges, totals
    from tests.web.conftest import seed_region

    region = seed_region()  # offer s1: 200 t/a
    leads = [
        lead(1, 100, "t/a", datetime(2026, 3, 5, tzinfo=UTC)),
        lead(2, 200, "t/a", datetime(2026, 3, 20, tzinfo=UTC)),
        lead(3, 50, "t/a", datetime(2025, 11, 1, tzinfo=UTC)),
        lead(4, 999, "t/a", datetime(2026, 1, 1, tzinfo=UTC), LeadStatus.NEGOTIATING),
    ]
    items = exchanges(region, leads, lambda _lead: (10.0, 1000.0))  # type: ignore[arg-type]
    assert [e.month for e in items] == ["2026-03", "2026-03", "2025-11"]
    assert [e.co2e_t for e in items] == [5.0, 10.0, 2.5]
    assert totals(items) == {
        "exchanges": 3,
        "tonnes": 350.0,
        "co2e_t": 17.5,
        "eur": 1750.0,
        "without_estimate": 0,
    }
    months = by_period(items, lambda e: e.month)
    assert [(m["period"], m["exchanges"], m["tonnes"]) for m in months] == [
        ("2025-11", 1, 50.0),
        ("2026-03", 2, 300.0),
    ]
    years = by_period(items, lambda e: e.year)
    assert [(y["period"], y["co2e_t"]) for y in years] == [("2025", 2.5), ("2026", 15.0)]
    none = exchanges(region, leads[:1], lambda _lead: (None, None))  # type: ignore[arg-type]
    assert totals(none)["without_estimate"] == 1 and totals(none)["co2e_t"] == 0


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), max_size=20))
def test_totals_are_the_sum_of_the_periods(quantities: list[float]) -> None:
    from kreislauf.web.routes.dashboard import by_period, exchanges, totals
    from tests.web.conftest import seed_region

    region = seed_region()
    leads = [
        lead(i, q, "t/a", datetime(2024 + i % 3, 1 + i % 12, 1, tzinfo=UTC))
        for i, q in enumerate(quantities)
    ]
    items = exchanges(region, leads, lambda _lead: (2.0, 3.0))  # type: ignore[arg-type]
    whole = totals(items)
    months = by_period(items, lambda e: e.month)
    assert sum(m["exchanges"] for m in months) == whole["exchanges"] == len(quantities)
    assert sum(m["tonnes"] for m in months) == pytest.approx(whole["tonnes"], rel=1e-6, abs=1e-2)


def test_chart_text_is_escaped() -> None:
    from kreislauf.web.routes.dashboard import bar_chart

    svg = bar_chart([{"period": "<script>", "tonnes": 3.0}], "tonnes", "T & <b>", str)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "T &amp; &lt;b&gt;" in svg
    assert bar_chart([], "tonnes", "x", str) == ""


def test_dashboard_changes_when_a_lead_is_implemented(app, as_user) -> None:  # type: ignore[no-untyped-def]
    fac = as_user("fac@example.org")
    before = fac.get("/regions/ms/dashboard")
    assert before.status_code == 200
    assert 'id="total-exchanges">0<' in before.text
    repo = app.state.repo
    made = repo.record_lead("ms", "s1", "s3")
    repo.set_lead_status(made.id, "implemented", actual_quantity=150, unit="t/a")
    after = fac.get("/regions/ms/dashboard")
    assert 'id="total-exchanges">1<' in after.text
    assert 'id="total-tonnes">150.0<' in after.text
    assert "<svg" in after.text and "Sägewerk Huber" in after.text
    api = fac.get("/api/v1/regions/ms/impact").json()
    assert api["totals"]["exchanges"] == 1 and api["totals"]["tonnes"] == 150.0
    assert [m["period"] for m in api["by_month"]] == [datetime.now(UTC).strftime("%Y-%m")]


def test_members_see_aggregates_but_not_the_firms(app, as_user) -> None:  # type: ignore[no-untyped-def]
    repo = app.state.repo
    made = repo.record_lead("ms", "s1", "s3")
    repo.set_lead_status(made.id, "implemented", actual_quantity=150, unit="t/a")
    page = as_user("klein@example.org").get("/regions/ms/dashboard")
    assert page.status_code == 200
    assert 'id="total-exchanges">1<' in page.text
    assert "Huber" not in page.text
    assert as_user("other-fac@example.org").get("/regions/ms/dashboard").status_code == 404
