"""`warlog serve`, `warlog token ...` and `warlog watch`: the HTTP API and web map, access tokens, feed watching."""

from __future__ import annotations

from typing import Annotated

import typer

from warlog.cli.app import app
from warlog.cli.common import DbOption, err, open_store, out

token_app = typer.Typer(help="Access tokens for the HTTP API (writing and reviewing need one).", no_args_is_help=True)
app.add_typer(token_app, name="token")


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0 to serve a team on the network).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=0, max=65535)] = 8000,
    db: DbOption = None,
    read: Annotated[
        str | None, typer.Option(help="Who may read: local (loopback clients; default), open, or token.")
    ] = None,
    cors: Annotated[list[str] | None, typer.Option(help="Allowed CORS origin (repeat); none by default.")] = None,
    allow_private_urls: Annotated[bool, typer.Option(help="Let POST /api/reports fetch private addresses.")] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            help="Another host name clients use to reach the server (repeat; .example.org allows subdomains). "
            "Requests naming any other host are refused (DNS rebinding); IP addresses and localhost always work."
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(help="Server processes (uvicorn workers); more serve more readers at once on more cores.")
    ] = 1,
) -> None:
    """Serve the HTTP API (OpenAPI document at /openapi.json) and the web map at /."""
    import uvicorn

    from warlog.api import ServeConfig, create_app
    from warlog.settings import Settings

    kwargs: dict = {"db_url": db or Settings().db_url, "host": host}
    if read:
        kwargs["read"] = read
    if cors:
        kwargs["cors_origins"] = tuple(cors)
    if allow_private_urls:
        kwargs["allow_private_urls"] = True
    if allowed_host:
        kwargs["allowed_hosts"] = tuple(allowed_host)
    try:
        config = ServeConfig(**kwargs)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--read") from None
    store = open_store(config.db_url)
    err.print(f"warlog serving {config.db_url} on http://{host}:{port}/ (reading: {config.read})", highlight=False)
    if workers <= 1:
        uvicorn.run(create_app(config, store=store), host=host, port=port, log_level="info", proxy_headers=False)
        return
    store.close()
    # Several processes: each builds its own app from the environment (ServeConfig reads WARLOG_*), so the settings
    # travel as environment variables; uvicorn's supervisor restarts a worker that dies.
    import os

    os.environ["WARLOG_DB"] = config.db_url
    os.environ["WARLOG_READ"] = config.read
    os.environ["WARLOG_CORS_ORIGINS"] = ",".join(config.cors_origins)
    os.environ["WARLOG_ALLOW_PRIVATE_URLS"] = "1" if config.allow_private_urls else "0"
    os.environ["WARLOG_ALLOWED_HOSTS"] = ",".join(config.host_names())  # the served host's names included
    import shutil
    import tempfile

    # The workers share the responses they compute through a file in a folder only this user can read (removed at
    # exit): a response one worker computed is a hit in the others (warlog.api.cache.SharedResponses).
    folder = tempfile.mkdtemp(prefix="warlog-serve-")
    if config.response_cache_mb > 0:
        os.environ["WARLOG_SHARED_CACHE"] = os.path.join(folder, "responses.sqlite")
    try:
        uvicorn.run(
            "warlog.api.app:create_app",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level="info",
            proxy_headers=False,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="Who the token is for (shown in the audit trail).")],
    role: Annotated[str, typer.Option(help="analyst (ingest and review) or admin (also manages tokens).")] = "analyst",
    db: DbOption = None,
) -> None:
    """Create a token and print it once; only its SHA-256 hash is stored."""
    from warlog.store.review import create_token

    store = open_store(db, write=True)
    try:
        token = create_token(store, name, role)
    except ValueError as exc:
        store.close()
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    store.close()
    out.print(token, highlight=False, soft_wrap=True)
    err.print(f"token for {name} ({role}); keep it now, it cannot be shown again", highlight=False)


@token_app.command("revoke")
def token_revoke(name: Annotated[str, typer.Argument(help="Token name.")], db: DbOption = None) -> None:
    """Revoke a token by name."""
    from warlog.store.review import revoke_token

    store = open_store(db, write=True)
    ok = revoke_token(store, name)
    store.close()
    if not ok:
        err.print(f"[red]no active token named {name}[/red]", highlight=False)
        raise typer.Exit(1)
    err.print(f"revoked {name}", highlight=False)


@token_app.command("list")
def token_list(db: DbOption = None) -> None:
    """List token names, roles and dates."""
    from warlog.store.review import list_tokens

    store = open_store(db)
    for t in list_tokens(store.engine):
        state = f"revoked {t['revoked_at']}" if t["revoked_at"] else "active"
        out.print(f"{t['name']}\t{t['role']}\tcreated {t['created_at']}\t{state}", highlight=False)
    store.close()


@app.command()
def watch(
    feeds: Annotated[str, typer.Argument(help="Text file with one RSS/Atom feed URL or path per line (# comments).")],
    every: Annotated[str, typer.Option(help="Polling interval: 90s, 15m, 1h.")] = "15m",
    alerts: Annotated[str, typer.Option(help="JSONL file the alerts are appended to.")] = "alerts.jsonl",
    webhook: Annotated[str | None, typer.Option(help="URL each alert is POSTed to as JSON.")] = None,
    rule: Annotated[
        list[str] | None,
        typer.Option(
            help="Alert rule (repeat): 'fatalities>=10', 'fatalities>=5 admin1=Aleppo', "
            "'fatalities>=5 bbox=W,S,E,N', 'new-actor', '30-day-high'. Default: all three kinds."
        ),
    ] = None,
    once: Annotated[bool, typer.Option(help="Poll once and exit.")] = False,
    allow_private: Annotated[bool, typer.Option(help="Allow feeds and webhooks on private addresses.")] = False,
    db: DbOption = None,
) -> None:
    """Poll feeds, ingest and link what is new, and write alerts (JSONL, optionally a webhook)."""
    from pathlib import Path

    from warlog.ingest import is_url
    from warlog.watch import DEFAULT_RULES, Watcher, parse_interval, parse_rule, read_feed_list

    try:
        interval = parse_interval(every)
        rules = [parse_rule(r) for r in rule] if rule else list(DEFAULT_RULES)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    try:
        feed_list = read_feed_list(feeds)
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"cannot read {feeds}: {exc}", param_hint="FEEDS") from None
    if webhook and not is_url(webhook):
        raise typer.BadParameter("use an http(s) URL", param_hint="--webhook")
    if Path(alerts).is_dir():
        raise typer.BadParameter(
            f"{alerts} is a folder: name a file, e.g. {Path(alerts) / 'alerts.jsonl'}", param_hint="--alerts"
        )
    store = open_store(db, write=True)
    watcher = Watcher(
        store,
        feed_list,
        rules,
        alerts_path=alerts,
        webhook=webhook,
        allow_private=allow_private,
        local_files=True,  # feed files named in the list are the CLI user's own
    )

    def report(result) -> None:
        err.print(
            f"polled {result.feeds} feeds: {result.stored} new reports, {len(result.events)} events touched, "
            f"{len(result.alerts)} alerts, {len(result.errors)} errors",
            highlight=False,
        )
        for e in result.errors:
            err.print(f"[yellow]warning[/yellow] {e}", highlight=False)

    failed = False
    try:
        if once:
            result = watcher.poll()
            report(result)
            failed = result.all_failed
        else:
            watcher.run_forever(interval, on_poll=report)
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
    if failed:
        err.print("[red]error[/red] no feed could be read", highlight=False)
        raise typer.Exit(1)
