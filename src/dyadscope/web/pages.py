"""Pages: one declaration per page type gives its route, its parameters, its JSON twin and its
OpenAPI description.

A view module declares a :class:`Page` whose ``build(ctx, params)`` returns a plain dict. The
app serves that dict rendered by the page's template at ``path`` and as JSON at ``path.json``
(or ``path?format=json``): the JSON *is* the data the page shows. Keys starting with ``_`` are
presentation only (chart geometry, text cut for marking) and are left out of the JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .urls import with_query


class PageError(Exception):
    """A request the page cannot answer: ``status`` 400 (bad parameter) or 404 (no such record)."""

    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message
        super().__init__(message)


class Redirect(Exception):
    """The record lives at another URL (e.g. an event merged into another by deduplication)."""

    def __init__(self, url: str):
        self.url = url
        super().__init__(url)


def not_found(message: str) -> PageError:
    return PageError(404, message)


@dataclass(frozen=True)
class Param:
    """A query or path parameter: its type (``string``, ``integer``, ``boolean``), default,
    allowed values, bounds and documentation. ``multiple`` takes repeated keys and comma lists."""

    name: str
    type: str = "string"
    default: Any = None
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 200
    multiple: bool = False
    description: str = ""
    location: str = "query"

    def parse(self, values: list[str]) -> Any:
        values = [v for raw in values for v in (raw.split(",") if self.multiple else [raw])]
        values = [v.strip() for v in values if v.strip()]
        if not values:
            return [] if self.multiple and self.default is None else self.default
        parsed = [self._one(v) for v in values]
        return parsed if self.multiple else parsed[-1]

    def _one(self, value: str) -> Any:
        if len(value) > self.max_length:
            raise PageError(400, f"{self.name}: at most {self.max_length} characters")
        if self.type == "integer":
            try:
                number = int(value)
            except ValueError:
                raise PageError(400, f"{self.name}={value!r}: expected a whole number") from None
            if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
                raise PageError(400, f"{self.name}={number}: must be between {self.minimum} and {self.maximum}")
            return number
        if self.type == "boolean":
            if value.lower() in ("1", "true", "yes", "on"):
                return True
            if value.lower() in ("0", "false", "no", "off"):
                return False
            raise PageError(400, f"{self.name}={value!r}: expected 1 or 0")
        if self.enum is not None and value not in self.enum:
            raise PageError(400, f"{self.name}={value!r}: must be one of {', '.join(self.enum)}")
        return value

    def schema(self) -> dict:
        base: dict[str, Any] = {"type": self.type}
        if self.enum:
            base["enum"] = list(self.enum)
        if self.minimum is not None:
            base["minimum"] = self.minimum
        if self.maximum is not None:
            base["maximum"] = self.maximum
        if self.type == "string":
            base["maxLength"] = self.max_length
        if self.multiple:
            return {"type": "array", "items": base}
        if self.default is not None:
            base["default"] = self.default
        return base


PAGE = Param("page", "integer", 1, minimum=1, maximum=1_000_000, description="Page of the listing, from 1.")
PER_PAGE = Param("per_page", "integer", 50, minimum=1, maximum=500, description="Rows per page.")
DEDUP = Param("dedup", "boolean", True, description="Merge the same event reported by several documents (1) or not (0).")


@dataclass(frozen=True)
class Page:
    """A page type: ``path`` (Starlette syntax), its ``template``, ``build(ctx, params) -> dict``,
    its parameters, and what its JSON holds (``returns``: top-level key -> description)."""

    name: str
    path: str
    template: str
    build: Callable[[Any, dict], dict]
    summary: str
    params: tuple[Param, ...] = ()
    path_params: tuple[Param, ...] = ()
    returns: dict[str, str] = field(default_factory=dict)

    def parse(self, query: Any, path_values: dict[str, str]) -> dict:
        """Validated parameters from the query string (a Starlette ``QueryParams``) and path."""
        out = {p.name: p.parse(query.getlist(p.name)) for p in self.params}
        for p in self.path_params:
            out[p.name] = p._one(path_values[p.name])
        return out


@dataclass
class Pagination:
    """Where a listing is: ``page`` of ``pages`` with ``per_page`` rows out of ``total``."""

    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def slice(self, rows):
        return rows[self.offset : self.offset + self.per_page]

    def public(self, path: str, params: dict, key: str = "page") -> dict:
        """The JSON form, with ``next``/``prev`` URLs keeping every other parameter."""

        def link(n: int) -> str:
            return with_query(path, {**params, key: n})

        return {
            "page": self.page, "per_page": self.per_page, "total": self.total, "pages": self.pages,
            "next": link(self.page + 1) if self.page < self.pages else None,
            "prev": link(self.page - 1) if self.page > 1 else None,
        }


def plain(value: Any) -> Any:
    """A JSON-safe copy: numpy and pandas scalars as Python values, NaN and NaT as None, tuples
    as lists, dates as ISO strings; keys starting with ``_`` dropped."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items() if not str(k).startswith("_")}
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        return [plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | bool):
        return value
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
            return None
        if isinstance(value, pd.Timestamp):
            return value.isoformat()
    except (TypeError, ValueError):
        pass
    return str(value)


def to_json(data: dict) -> str:
    """Strict JSON (no NaN or Infinity) of a page's data."""
    return json.dumps(plain(data), ensure_ascii=False, allow_nan=False)


def records(df, columns=None) -> list[dict]:
    """Rows of a DataFrame as dicts, column by column (``DataFrame.to_dict("records")`` goes
    row by row through the indexer and costs milliseconds per row on wide frames)."""
    columns = list(df.columns if columns is None else columns)
    values = [df[c].tolist() for c in columns]
    return [dict(zip(columns, row)) for row in zip(*values)]


def clean_rows(rows: list[dict]) -> list[dict]:
    """Records with NaN/NaT as None (what pandas gives for missing values)."""
    return [{k: plain(v) if not isinstance(v, list | tuple | dict) else v for k, v in r.items()} for r in rows]
