"""The OpenAPI 3.1 description of the app, generated from the page declarations."""

from __future__ import annotations

from ..settings import VERSION
from .pages import Page

ERROR = {"type": "object", "properties": {"error": {"type": "object", "properties": {
    "status": {"type": "integer"}, "message": {"type": "string"}}, "required": ["status", "message"]}}}


def json_path(path: str) -> str:
    return "/.json" if path == "/" else f"{path}.json"


def _parameters(page: Page) -> list[dict]:
    out = [{"name": p.name, "in": "path", "required": True, "description": p.description, "schema": p.schema()}
           for p in page.path_params]
    out += [{"name": p.name, "in": "query", "required": False, "description": p.description, "schema": p.schema(),
             **({"style": "form", "explode": True} if p.multiple else {})} for p in page.params]
    return out


def _json_operation(page: Page) -> dict:
    properties = {key: {"description": text} for key, text in page.returns.items()}
    properties["stale"] = {"type": "boolean", "description": "true while an upload is being ingested: analysis figures are from before it"}
    return {
        "operationId": page.name,
        "summary": page.summary,
        "parameters": _parameters(page),
        "responses": {
            "200": {"description": "The data of the page.",
                    "content": {"application/json": {"schema": {"type": "object", "properties": properties,
                                                                 "required": list(page.returns)}}}},
            "400": {"description": "A parameter is malformed.", "content": {"application/json": {"schema": ERROR}}},
            "404": {"description": "No such record.", "content": {"application/json": {"schema": ERROR}}},
        },
    }


def openapi(pages: tuple[Page, ...], *, read_only: bool) -> dict:
    """The description: for every page its JSON twin (``path.json``) and its HTML form."""
    paths: dict[str, dict] = {}
    for page in pages:
        paths[json_path(page.path)] = {"get": _json_operation(page)}
        paths[page.path] = {"get": {
            "operationId": f"{page.name}_html", "summary": f"{page.summary} (HTML page; format=json gives the JSON)",
            "parameters": _parameters(page) + [{"name": "format", "in": "query", "required": False,
                                                "schema": {"type": "string", "enum": ["html", "json"]}}],
            "responses": {"200": {"description": "The page.", "content": {"text/html": {"schema": {"type": "string"}}}}},
        }}
    paths["/upload"]["post"] = {
        "operationId": "upload_files",
        "summary": "Ingest files (multipart field 'files', repeatable) along the same path and limits as `dyadscope ingest`. "
                   "Answers 303 to the upload's page (or 202 with its JSON when format=json).",
        "parameters": [{"name": "format", "in": "query", "required": False, "schema": {"type": "string", "enum": ["html", "json"]}}],
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}},
        "responses": {
            "202": {"description": "Queued; the body is the upload's JSON.", "content": {"application/json": {"schema": {"type": "object"}}}},
            "303": {"description": "Queued; Location is the upload's page."},
            "400": {"description": "No file, or too many.", "content": {"application/json": {"schema": ERROR}}},
            "403": {"description": "Read-only app, or a cross-site request.", "content": {"application/json": {"schema": ERROR}}},
            "413": {"description": "The request is over the size limit."},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "dyadscope", "version": VERSION,
                 "description": "Browse a dyadscope store: every page has a JSON twin at the same path with .json."
                 + (" This instance is read-only: uploads are refused." if read_only else "")},
        "paths": paths,
    }
