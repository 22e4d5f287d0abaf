"""The pure domain core of kreislauf: no files, databases, HTTP or terminals here.

Only the standard library, numeric libraries (numpy, scipy, scikit-learn, rapidfuzz,
networkx) and :mod:`kreislauf.errors` may be imported; ``tests/core/test_purity.py``
enforces it.
"""

from kreislauf.core.actors import Actor, ActorKind, Location
from kreislauf.core.region import Region
from kreislauf.core.streams import Availability, Direction, Stream, StreamType
from kreislauf.core.units import Dimension, Quantity, Unit, convert, parse_unit

__all__ = [
    "Actor",
    "ActorKind",
    "Availability",
    "Dimension",
    "Direction",
    "Location",
    "Quantity",
    "Region",
    "Stream",
    "StreamType",
    "Unit",
    "convert",
    "parse_unit",
]
