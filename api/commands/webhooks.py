"""`guide-api webhooks add|list|remove|deliveries|deliver`: receivers of revision events."""

import argparse
from datetime import UTC, datetime

from sqlalchemy import delete, desc, insert, select
from sqlalchemy.exc import IntegrityError

from api.commands.common import CommandError, with_engine
from api.settings import Settings


def register(commands) -> None:
    webhooks = commands.add_parser(
        "webhooks",
        help="register, list and remove webhook receivers; show deliveries",
        description="After each applied revision every receiver gets a signed JSON POST "
        "(see docs/operations.md). Receivers are the URLs added here plus those of "
        "GUIDE_WEBHOOK_URLS.",
    )
    actions = webhooks.add_subparsers(title="actions", required=True)
    add = actions.add_parser("add", help="register a receiver URL")
    add.add_argument("url", help="an http(s) URL, e.g. https://example.org/hooks/guide")
    add.set_defaults(command=run_add)
    listing = actions.add_parser("list", help="show every receiver and where it comes from")
    listing.set_defaults(command=run_list)
    remove = actions.add_parser("remove", help="stop sending to a registered URL")
    remove.add_argument("url", help="the URL as `webhooks list` shows it")
    remove.set_defaults(command=run_remove)
    deliveries = actions.add_parser(
        "deliveries", help="show the latest deliveries with status and last error"
    )
    deliveries.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    deliveries.set_defaults(command=run_deliveries)
    deliver = actions.add_parser(
        "deliver",
        help="send every due delivery now (the API does this by itself; "
        "useful when no API process runs)",
    )
    deliver.set_defaults(command=run_deliver)


def run_add(args: argparse.Namespace) -> int:
    from api.webhooks.targets import WebhookURLError, check_url
    from schema.tables import WebhookEndpoint

    try:
        url = check_url(args.url)
    except WebhookURLError as error:
        raise CommandError(f"webhooks add: {error}", exit_code=2) from error

    async def work(engine):
        async with engine.begin() as connection:
            await connection.execute(
                insert(WebhookEndpoint).values(url=url, created_at=datetime.now(UTC))
            )

    try:
        with_engine(Settings(), _migrated(work))
    except IntegrityError as error:
        raise CommandError(f"webhooks add: {url} is already registered") from error
    print(f"registered {url}")
    return 0


def run_list(_args: argparse.Namespace) -> int:
    from api.webhooks.targets import configured_urls
    from schema.tables import WebhookEndpoint

    settings = Settings()

    async def work(engine):
        async with engine.connect() as connection:
            return list(
                await connection.scalars(select(WebhookEndpoint.url).order_by(WebhookEndpoint.id))
            )

    registered = with_engine(settings, _migrated(work))
    from_settings = configured_urls(settings)
    if not registered and not from_settings:
        print("no webhook receivers (add one with: guide-api webhooks add URL)")
    for url in from_settings:
        print(f"{url}  (GUIDE_WEBHOOK_URLS)")
    for url in registered:
        print(f"{url}  (registered)")
    if not settings.webhook_secret:
        print("warning: GUIDE_WEBHOOK_SECRET is empty; deliveries are sent unsigned")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from schema.tables import WebhookEndpoint

    url = args.url.strip()

    async def work(engine):
        async with engine.begin() as connection:
            result = await connection.execute(
                delete(WebhookEndpoint).where(WebhookEndpoint.url == url)
            )
            return result.rowcount

    if not with_engine(Settings(), _migrated(work)):
        raise CommandError(
            f"webhooks remove: {url} is not registered (URLs of GUIDE_WEBHOOK_URLS are "
            "removed from that setting); see guide-api webhooks list"
        )
    print(f"removed {url}; pending deliveries to it are still sent")
    return 0


def run_deliveries(args: argparse.Namespace) -> int:
    from schema.tables import WebhookDelivery, WebhookEvent

    async def work(engine):
        async with engine.connect() as connection:
            result = await connection.execute(
                select(WebhookDelivery, WebhookEvent.payload)
                .join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_id)
                .order_by(desc(WebhookDelivery.id))
                .limit(args.limit)
            )
            return result.all()

    rows = with_engine(Settings(), _migrated(work))
    if not rows:
        print("no deliveries yet")
    for row in rows:
        revision = row.payload.get("revision")
        last = row.last_error or (f"HTTP {row.last_status_code}" if row.last_status_code else "")
        print(
            f"{row.created_at:%Y-%m-%d %H:%M:%S}  revision {revision}  {row.status:<9}  "
            f"{row.attempts} attempt(s)  {row.url}  {last}".rstrip()
        )
    return 0


def run_deliver(_args: argparse.Namespace) -> int:
    from api.webhooks.dispatcher import deliver_due, http_client

    settings = Settings()

    async def work(engine):
        async with http_client(settings) as client:
            return await deliver_due(engine, settings, client)

    print(f"{with_engine(settings, _migrated(work))} delivery attempt(s) made")
    return 0


def _migrated(work):
    """Run `work` after bringing the schema up to date (the webhook tables may be new)."""

    async def run(engine):
        from api.migrate import migrate

        await migrate(engine)
        return await work(engine)

    return run
