"""``dyadscope serve``: the web app over a database."""

from __future__ import annotations

import threading

import click

from .options import actors_option, db_option, jobs_option, library_errors, max_chars_option, verbosity_options


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets other machines read the store.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0 picks a free one).")
@click.option("--read-only", is_flag=True, help="Open the database read-only and refuse uploads.")
@click.option("--max-upload-mb", default=25, show_default=True, type=click.IntRange(1, 4096), help="Largest upload request, in MiB.")
@actors_option
@max_chars_option
@jobs_option
@verbosity_options
def serve(db_path, host, port, read_only, max_upload_mb, actor_files, max_chars, jobs):
    """Browse the database in a web browser: corpus, documents, dyads, actors, events, search, upload.

    Every page has a JSON twin (the same path with .json) and /openapi.json describes them.
    Uploads go through the same ingest as `dyadscope ingest`, with the same limits, in -j worker
    processes. Listens on 127.0.0.1 unless --host says otherwise, and prints where (even with -q).

    Example:

        dyadscope serve --db iran.duckdb --read-only
    """
    from ..store import Database
    from ..web import create_app
    from ..web.server import LOOPBACK_HOSTS, bind, is_loopback, run, url_of

    try:
        sock = bind(host, port)
    except OSError as e:
        raise click.ClickException(f"cannot listen on {host}:{port} ({e.strerror or e})") from None
    engine = None
    try:
        with library_errors():
            db = Database(db_path, read_only=read_only)
    except BaseException:
        sock.close()
        raise
    try:
        if not read_only:
            from ..web.worker import WorkerEngine

            if actor_files:  # a bad dictionary stops the app now, not the first upload
                from ..knowledge import load_knowledge

                with library_errors():
                    load_knowledge(actor_files)
            engine = WorkerEngine(actor_files=actor_files, jobs=jobs)
        app = create_app(db, read_only=read_only, engine=engine, db_label=db_path, max_upload_bytes=max_upload_mb * 1024 * 1024,
                         max_chars=max_chars, allowed_hosts=LOOPBACK_HOSTS if is_loopback(host) else None)
        def warm():  # in the background: the app answers meanwhile (the first pages wait for it)
            if app.state.web.uploads is not None:
                app.state.web.uploads.store_clusters()
            app.state.web.cache.warm()

        threading.Thread(target=warm, daemon=True, name="dyadscope-warm").start()
        mode = "read-only" if read_only else "uploads enabled"
        click.echo(f"dyadscope serve: {db_path} ({mode}) at {url_of(sock)}  (Ctrl+C to stop)")
        if not is_loopback(host):
            click.echo(f"warning: listening on {host}: other machines can read this store"
                       + ("" if read_only else " and upload to it (use --read-only)"), err=True)
        run(app, sock)
    finally:
        if engine is not None:
            engine.close()
        db.close()
