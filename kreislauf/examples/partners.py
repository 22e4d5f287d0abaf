"""The exchanges the demo region was written to contain, and the ones it must never propose.

``EXPECTED`` maps an offer's id to the ids of needs that a facilitator who knows the region
would call its true partners (the same material or energy, a receiver that can use it,
within the district). ``FORBIDDEN`` lists hazardous offers and needs whose actor lacks the
licence for that waste code: the near misses the licence rule must keep out. Together they
form an expected-partners document as ``kreislauf evaluate`` reads it (see
``docs``/the region-file spec): :func:`expected_partners`.
"""

from __future__ import annotations

_FARMS_WANTING_FEED = (
    "agrar-striegistal-n1",
    "agrar-hainichen-n1",
    "agrar-koenigshain-n1",
    "agrar-grosshartmannsdorf-n1",
    "agrar-claussnitz-n1",
)
_FARMS_WANTING_DIGESTATE = (
    "agrar-reinsberg-n1",
    "agrar-erlau-n1",
    "agrar-leubsdorf-n1",
    "agrar-lichtenberg-n1",
    "agrar-zschaitz-n1",
)
_WHEY_USERS = (
    "schwein-ostrau-n1",
    "ziegenhof-bobritzsch-n1",
    "biogas-striegistal-n2",
    "biogas-koenigshain-n2",
    "biogas-grossweitzschen-n2",
)
_RC_AGGREGATE_USERS = (
    "strassenbau-mittweida-n1",
    "bau-richter-freiberg-n1",
    "bau-tiefbau-oederan-n1",
    "bau-burgstaedt-n1",
    "bauhof-freiberg-n1",
    "bauhof-floeha-n1",
    "bauhof-rosswein-n1",
)
_WOOD_CHIP_USERS = (
    "waerme-hainichen-n2",
    "nahwaerme-grossschirma-n1",
    "bhkw-freiberg-n2",
    "bauhof-doebeln-n1",
    "bauhof-leisnig-n1",
)
_EMULSION_TAKERS = ("altoel-grossschirma-n2", "cp-anlage-halsbruecke-n2")

EXPECTED: dict[str, tuple[str, ...]] = {
    # food and farming
    "brauhaus-rosswein-o1": (*_FARMS_WANTING_FEED, "agrar-rossau-n1"),
    "gasthausbrauerei-burgstaedt-o1": (
        "agrar-claussnitz-n1",
        "agrar-hainichen-n1",
        "agrar-striegistal-n1",
    ),
    "milchwerk-doebeln-o1": (*_WHEY_USERS, "bioenergie-leisnig-n1"),
    "kaeserei-wechselburg-o1": ("schwein-ostrau-n1", "ziegenhof-bobritzsch-n1"),
    "backwaren-frankenberg-o1": (
        "schwein-ostrau-n2",
        "mischfutter-ostrau-n1",
        "bioenergie-leisnig-n1",
    ),
    "baeckerei-mittweida-o1": ("schwein-ostrau-n2", "mischfutter-ostrau-n1"),
    "muehle-grossweitzschen-o1": ("mischfutter-ostrau-n2",),
    "obstbau-leisnig-o1": ("mosterei-leisnig-n1",),
    "mosterei-leisnig-o1": (
        "obstbrennerei-seelitz-n1",
        "biogas-striegistal-n2",
        "biogas-grossweitzschen-n2",
    ),
    "markt-doebeln-o1": ("lebensmittelhilfe-muldental-n1",),
    "kantine-mittelsachsen-o1": ("bioenergie-leisnig-n1",),
    "wurst-oederan-o1": ("bioenergie-leisnig-n2", "klaeranlage-freiberg-n1"),
    "pferdepension-reinsberg-o1": ("pilzzucht-waldheim-n1",),
    # manure, digestate, compost
    "agrar-striegistal-o1": ("biogas-striegistal-n1", "biogas-rossau-n1", "biogas-ostrau-n1"),
    "schwein-ostrau-o1": ("biogas-ostrau-n1", "biogas-grossweitzschen-n1"),
    "gefluegel-grossweitzschen-o1": (
        "biogas-grossweitzschen-n1",
        "biogas-ostrau-n1",
        "biogas-striegistal-n1",
    ),
    "biogas-ostrau-o2": _FARMS_WANTING_DIGESTATE,
    "biogas-leubsdorf-o2": ("agrar-leubsdorf-n1", "agrar-lichtenberg-n1"),
    "bauhof-freiberg-o1": ("kompostwerk-striegistal-n1",),
    "holzwerk-mulde-o2": ("kompostwerk-striegistal-n2",),
    "kompostwerk-striegistal-o1": (
        "baumschule-bobritzsch-n1",
        "gemuesehof-altmittweida-n1",
        "bauhof-freiberg-n2",
        "agrarforschung-zschaitz-n1",
    ),
    # wood
    "holzwerk-mulde-o1": (
        "pelletwerk-brand-n1",
        "ziegelei-grossweitzschen-n1",
        "gefluegel-grossweitzschen-n1",
    ),
    "schnittholz-sayda-o1": ("pelletwerk-brand-n1", "ziegelei-grossweitzschen-n1"),
    "tischlerei-penig-o1": (
        "pelletwerk-brand-n1",
        "brikett-mittweida-n1",
        "gefluegel-grossweitzschen-n1",
    ),
    "treppenbau-hainichen-o2": ("brikett-mittweida-n1",),
    "forst-zellwald-o1": ("biomassehof-frankenberg-n1",),
    "biomassehof-frankenberg-o1": _WOOD_CHIP_USERS,
    "abbruch-rosswein-o4": ("bhkw-freiberg-n1",),
    # minerals and construction
    "gusswerk-hainichen-o1": ("moertelwerk-hartha-n2", "strassenbau-mittweida-n2"),
    "gusswerk-hainichen-o2": ("strassenbau-mittweida-n2",),
    "hkw-freiberg-sued-o1": ("moertelwerk-hartha-n1",),
    "hkw-freiberg-sued-o3": ("betonwerk-doebeln-n2", "transportbeton-mittweida-n1"),
    "abbruch-rosswein-o1": ("baustoffrecycling-waldheim-n1",),
    "abbruch-rosswein-o2": ("baustoffrecycling-waldheim-n1",),
    "baustoffrecycling-waldheim-o1": _RC_AGGREGATE_USERS,
    "baustoffrecycling-waldheim-o2": (
        "betonwerk-doebeln-n1",
        "transportbeton-mittweida-n2",
        "bau-hochbau-doebeln-n1",
        "bau-weissenborn-n1",
    ),
    "bau-richter-freiberg-o1": ("kieswerk-kriebstein-n1",),
    "strassenbau-mittweida-o2": ("kieswerk-kriebstein-n1",),
    "papier-kriebstein-o1": ("ziegelei-grossweitzschen-n2",),
    "abbruch-rosswein-o5": ("deponie-mulda-n1",),
    "sanierung-freiberg-o1": ("bodenbehandlung-oberschoena-n1",),
    # metal
    "schrott-kunze-o1": ("gusswerk-hainichen-n1",),
    "stahlbau-oederan-o1": ("gusswerk-hainichen-n1",),
    "cnc-mittweida-o1": ("schrott-kunze-n2",),
    "werkzeugbau-burgstaedt-o1": ("sekundaermetall-halsbruecke-n4",),
    "eschrott-mittweida-o1": ("sekundaermetall-halsbruecke-n3",),
    "galvanik-floeha-o1": ("sekundaermetall-halsbruecke-n2", "cp-anlage-halsbruecke-n1"),
    "galvanik-floeha-o3": ("cp-anlage-halsbruecke-n1",),
    "verzinkerei-brand-o3": ("cp-anlage-halsbruecke-n1",),
    "kfz-frankenberg-o3": ("sekundaermetall-halsbruecke-n1",),
    "kfz-rochlitz-o3": ("sekundaermetall-halsbruecke-n1",),
    "kfz-frankenberg-o1": ("altoel-grossschirma-n1",),
    "kfz-hainichen-o1": ("altoel-grossschirma-n1",),
    "kfz-rochlitz-o1": ("altoel-grossschirma-n1",),
    "cnc-mittweida-o2": _EMULSION_TAKERS,
    "zerspanung-burgstaedt-o2": _EMULSION_TAKERS,
    "cnc-hartmannsdorf-o2": _EMULSION_TAKERS,
    "leichtmetallguss-rosswein-o3": _EMULSION_TAKERS,
    # plastics and paper
    "agrar-hainichen-o2": ("kunststoffrecycling-lunzenau-n1",),
    "milchwerk-doebeln-o5": ("kunststoffrecycling-lunzenau-n2",),
    "kunststoff-burgstaedt-o1": ("kunststoffrecycling-lunzenau-n3",),
    "kunststoffrecycling-lunzenau-o1": ("folienwerk-penig-n1",),
    "kunststoffrecycling-lunzenau-o2": ("kunststoff-burgstaedt-n1",),
    "abfallservice-muldental-o2": ("papier-kriebstein-n1",),
    "sortierzentrum-hainichen-o1": ("hkw-freiberg-sued-n1",),
    # heat
    "gusswerk-hainichen-o4": ("waerme-hainichen-n1",),
    "biogas-rossau-o1": ("waerme-hainichen-n1",),
    "biogas-ostrau-o1": ("fisch-zschaitz-n1",),
    "biogas-grossweitzschen-o1": ("fernwaerme-doebeln-n1", "fisch-zschaitz-n1"),
    "ziegelei-grossweitzschen-o2": ("fernwaerme-doebeln-n1", "stadt-doebeln-wirtschaft-n1"),
    "papier-kriebstein-o3": ("moebel-waldheim-n2",),
    "leichtmetallguss-rosswein-o4": ("freibad-rosswein-n1",),
}

FORBIDDEN: dict[str, tuple[str, ...]] = {
    # waste oil to a garage's waste-oil stove: the garage holds no licence for 13 02 05*
    "kfz-frankenberg-o1": ("kfz-doebeln-n1",),
    "kfz-hainichen-o1": ("kfz-doebeln-n1",),
    "kfz-rochlitz-o1": ("kfz-doebeln-n1",),
    # lead batteries to a scrap dealer without a licence for 16 06 01*
    "kfz-frankenberg-o3": ("schrott-kunze-n1",),
    "kfz-rochlitz-o3": ("schrott-kunze-n1",),
    # electroplating sludge to a research institute that wants samples but holds no licence
    "galvanik-floeha-o1": ("irk-freiberg-n1",),
    # contaminated soil and tar-containing asphalt to a backfilling firm licensed for clean soil only
    "sanierung-freiberg-o1": ("erdbau-grossschirma-n1",),
    "strassenbau-mittweida-o3": ("erdbau-grossschirma-n1",),
}


def expected_partners() -> dict[str, dict[str, list[str]]]:
    """The expected-partners document of the demo region: ``{"expected": ..., "forbidden": ...}``."""
    return {
        "expected": {offer: list(needs) for offer, needs in EXPECTED.items()},
        "forbidden": {offer: list(needs) for offer, needs in FORBIDDEN.items()},
    }


__all__ = ["EXPECTED", "FORBIDDEN", "expected_partners"]
