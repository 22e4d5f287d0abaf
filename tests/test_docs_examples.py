"""Examples in the user guide work as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from kreislauf.core import Actor, Direction, Region, Stream
from kreislauf.knowledge_base import clear_cache, load_knowledge_base
from kreislauf.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent


def _yaml_block(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index("```yaml\n") + len("```yaml\n")
    return text[start : text.index("```", start)]


@pytest.fixture
def facilitator_knowledge() -> None:
    folder = get_settings().data_dir / "knowledge"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "own.yaml").write_text(_yaml_block(ROOT / "docs/en/matching.md"), encoding="utf-8")
    clear_cache()
    yield
    clear_cache()


def test_a_facilitators_file_extends_the_knowledge_base(facilitator_knowledge: None) -> None:
    from kreislauf.matching_service import match_region_data

    kb = load_knowledge_base()
    assert "mulde_kaolin_fines" in kb.concepts
    region = Region(
        id="t",
        name="T",
        actors=(
            Actor(id="kaolin", name="Kaolinwerk", nace="08.12", lat=51.0, lon=13.0),
            Actor(id="ziegel", name="Ziegelei", nace="23.32", lat=51.05, lon=13.05),
        ),
        streams=(
            Stream(
                id="o",
                actor="kaolin",
                direction=Direction.OFFER,
                title="Kaolinfeinsand",
                quantity=100,
                unit="t/a",
            ),
            Stream(
                id="n",
                actor="ziegel",
                direction=Direction.NEED,
                title="Zuschlagstoff für die Ziegelherstellung",
                quantity=50,
                unit="t/a",
            ),
        ),
    )
    matches = match_region_data(region, top_k=3)
    assert [(m.offer, m.need) for m in matches] == [("o", "n")]
    assert matches[0].pathway == "kaolin_fines_to_bricks"
