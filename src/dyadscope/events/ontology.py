"""CAMEO/PLOVER lookups and the composition of a governing verb with an embedded event.

Composition follows the CAMEO codebook: a promise or offer to do a cooperative act is an
intent (03x), a refusal of it is a rejection (12x), asking for it an appeal (02x), insisting on
it a demand (10x), and announcing a conflictual act in advance a threat (13x).
"""

from __future__ import annotations

from ..knowledge.events import CameoCode, EventKB

# Per embed role: code prefix of the embedded event -> composed code. Longest prefix wins.
_COMPOSE: dict[str, dict[str, str]] = {
    "intend": {
        "04": "036", "045": "039", "046": "036", "05": "032", "057": "030", "06": "031", "061": "0311",
        "062": "0312", "063": "0313", "064": "0314", "07": "033", "071": "0331", "072": "0332",
        "073": "0333", "074": "0334", "08": "035", "081": "0351", "082": "0352", "084": "0353",
        "085": "0354", "086": "0355", "087": "0356", "03": "", "02": "", "10": "", "12": "",
        "16": "131", "161": "1313", "162": "1311", "163": "1312", "17": "132", "18": "138",
        "19": "138", "191": "1381", "192": "1382", "20": "138", "204": "1385", "15": "138",
    },
    "refuse": {
        "03": "120", "04": "125", "045": "126", "05": "120", "06": "121", "061": "1211",
        "062": "1212", "07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
        "08": "124", "081": "1241", "082": "1242", "084": "1243", "085": "1244", "086": "1245",
        "087": "1246",
    },
    "appeal": {
        "03": "020", "04": "020", "045": "028", "05": "022", "06": "021", "061": "0211",
        "062": "0212", "063": "0213", "064": "0214", "07": "023", "071": "0231", "072": "0232",
        "073": "0233", "074": "0234", "08": "025", "081": "0251", "082": "0252", "084": "0253",
        "085": "0254", "086": "0255", "087": "0256",
    },
    "demand": {
        "03": "100", "04": "106", "045": "108", "05": "102", "06": "101", "061": "1011",
        "062": "1012", "063": "1013", "064": "1014", "07": "103", "071": "1031", "072": "1032",
        "073": "1033", "074": "1034", "08": "105", "081": "1051", "082": "1052", "084": "1053",
        "085": "1054", "086": "1055", "087": "1056",
    },
    "threaten": {
        "14": "133", "15": "138", "16": "131", "161": "1313", "162": "1311", "163": "1312",
        "164": "134", "165": "135", "166": "136", "17": "132", "173": "132", "18": "138",
        "183": "1383", "19": "138", "190": "1384", "191": "1381", "192": "1382", "193": "1384",
        "194": "1384", "195": "1384", "20": "138", "204": "1385", "2041": "1385", "2042": "1385",
    },
    "permit": {
        "04": "0862", "06": "062", "062": "062", "15": "062", "18": "062", "19": "062", "07": "0863",
    },
}


def compose(embed: str, inner: str) -> str | None:
    """The code of ``embed`` (a governing role) applied to the embedded event code ``inner``.

    Returns the inner code unchanged for pass-through roles (``light``, ``future``, ``report``)
    and None when the combination has no justified code.
    """
    if embed in ("light", "future", "report"):
        return inner
    table = _COMPOSE.get(embed)
    if table is None:
        return None
    for n in range(len(inner), 1, -1):
        got = table.get(inner[:n])
        if got is not None:
            return got or inner
    return None


def code_info(kb: EventKB, code: str) -> CameoCode | None:
    """The table row of ``code`` if it codes a PLOVER event."""
    row = kb.cameo.get(code)
    return row if row is not None and row.plover_type else None
