"""Upload: the form, the POST that queues an ingest, and the page of one upload's progress."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request

from ...ingest import SUFFIXES
from ..pages import Page, PageError, Param, not_found
from ..urls import document_url

CHUNK = 1 << 16


def _limits(state) -> dict:
    return {"max_upload_bytes": state.max_upload_bytes, "max_files": state.max_files, "max_chars": state.max_chars,
            "suffixes": list(SUFFIXES)}


def build_form(ctx, p: dict) -> dict:
    uploads = ctx.state.uploads
    jobs = [] if uploads is None else [j.public() | {"url": f"/uploads/{j.id}"} for j in reversed(uploads.jobs.values())]
    return {"read_only": ctx.state.read_only, "limits": _limits(ctx.state), "jobs": jobs[:20],
            "busy": bool(uploads and uploads.busy)}


def build_job(ctx, p: dict) -> dict:
    uploads = ctx.state.uploads
    job = uploads.get(p["job_id"]) if uploads else None
    if job is None:
        raise not_found(f"no upload {p['job_id']!r} (uploads are kept in memory until the app stops)")
    data = job.public()
    data["documents"] = [{**d, "url": document_url(d["doc_id"])} for d in data["documents"]]
    return {"job": data, "running": job.state in ("queued", "running")}


async def receive_upload(request: Request, state) -> str:
    """Save the files of a multipart POST into a new job and queue it; return the job id.

    Raises:
        PageError: 403 when read-only, 400 when there is no file or too many, 413 when the
            files add up to more than the app's limit (also enforced on the raw body).
    """
    if state.uploads is None:
        raise PageError(403, "this app is read-only (started with --read-only): uploads are refused")
    async with request.form(max_files=state.max_files, max_fields=10, max_part_size=64 * 1024) as form:
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and (f.filename or f.size)]
        if not files:
            raise PageError(400, "no file in the upload (send them as multipart form field 'files')")
        job = state.uploads.new_job()
        try:
            total = 0
            for upload in files:
                target = state.uploads.target(job, upload.filename)
                with open(target, "wb") as out:
                    while chunk := await upload.read(CHUNK):
                        total += len(chunk)
                        if total > state.max_upload_bytes:
                            raise PageError(413, f"upload over the limit of {state.max_upload_bytes:,} bytes")
                        out.write(chunk)
                job.files[-1]["bytes"] = target.stat().st_size
        except BaseException:
            state.uploads.discard(job)
            raise
    state.uploads.submit(job)
    return job.id


PAGE = Page(
    name="upload", path="/upload", template="upload.html", build=build_form,
    summary="The upload form, the limits that apply, and the recent uploads. POST multipart files (field 'files') to this path to ingest them.",
    returns={"read_only": "true when uploads are refused", "limits": "request and document limits", "jobs": "recent uploads"},
)
JOB_PAGE = Page(
    name="upload_job", path="/uploads/{job_id}", template="upload_job.html", build=build_job,
    summary="One upload: state (queued, running, done, failed), per-file errors, counts, and the documents it added.",
    path_params=(Param("job_id", max_length=40, location="path", description="Upload id as POST /upload returned it."),),
    returns={"job": "state, files, errors (file, reason), counts, documents added", "running": "true until it is done"},
)
