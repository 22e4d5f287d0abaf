"""kreislauf: regional circular economy and industrial symbiosis.

The public Python API. The domain objects come from :mod:`kreislauf.core`; reading and
writing region files from :mod:`kreislauf.importers`; storage from
:mod:`kreislauf.storage`.
"""

from kreislauf.core import (
    Actor,
    ActorKind,
    Availability,
    Direction,
    Quantity,
    Region,
    Stream,
    StreamType,
    Unit,
    convert,
    parse_unit,
)
from kreislauf.errors import KreislaufError

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorKind",
    "Availability",
    "Direction",
    "KreislaufError",
    "Quantity",
    "Region",
    "Stream",
    "StreamType",
    "Unit",
    "__version__",
    "convert",
    "parse_unit",
]
