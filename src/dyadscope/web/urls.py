"""URLs of the app's pages: ids in paths are tilde-encoded, query strings are built, never pasted.

Document ids, actor codes and event ids come from the store (a JSON Lines ``id`` may hold any
character). In a path segment they are written in Datasette's tilde encoding: every character
but ``A-Z a-z 0-9 _ -`` becomes ``~XX`` per UTF-8 byte, so ``.``, ``/``, ``%`` and ``..`` never
reach the router as such, and ``/documents/report~2Ev2`` cannot be mistaken for the JSON twin of
``/documents/report``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_TILDE = re.compile(r"~([0-9A-Fa-f]{2})")


def tilde_encode(value: str) -> str:
    """``report.v2/a b`` -> ``report~2Ev2~2Fa~20b``."""
    return "".join(chr(b) if b in _SAFE else f"~{b:02X}" for b in str(value).encode("utf-8"))


def tilde_decode(value: str) -> str:
    """Inverse of :func:`tilde_encode`; also accepts the id written plainly (``a.b``)."""
    raw = bytearray()
    pos = 0
    for m in _TILDE.finditer(value):
        raw += value[pos : m.start()].encode("utf-8")
        raw.append(int(m.group(1), 16))
        pos = m.end()
    raw += value[pos:].encode("utf-8")
    return raw.decode("utf-8", errors="replace")


def with_query(path: str, params: Mapping[str, object] | Iterable[tuple[str, object]] = (), fragment: str = "") -> str:
    """``path?k=v&...#fragment``; None and empty values are left out, lists repeat the key."""
    items = params.items() if isinstance(params, Mapping) else params
    pairs: list[tuple[str, str]] = []
    for key, value in items:
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if v is None or v == "" or v is False:
                continue
            pairs.append((key, "1" if v is True else str(v)))
    query = urlencode(pairs)
    return path + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


def document_url(doc_id: str, fragment: str = "") -> str:
    return with_query(f"/documents/{tilde_encode(doc_id)}", fragment=fragment)


def actor_url(code: str | None, by: str = "code") -> str | None:
    if not code:
        return None
    return with_query(f"/actors/{tilde_encode(code)}", {"by": by if by != "code" else None})


def event_url(event_id: str, *, dedup: bool = True) -> str:
    return with_query(f"/events/{tilde_encode(event_id)}", {"dedup": None if dedup else "0"})


def dyad_url(a: str, b: str, params: Mapping[str, object] | None = None, fragment: str = "") -> str:
    return with_query(f"/dyads/{a}/{b}", params or {}, fragment)


def json_twin(path: str, query: str = "") -> str:
    """The JSON twin of a page URL: the same path with ``.json`` before the query."""
    base = "/.json" if path in ("", "/") else path.rstrip("/") + ".json"
    return base + (f"?{query}" if query else "")
