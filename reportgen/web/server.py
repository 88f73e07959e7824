"""Run the app with uvicorn: the folders, the address (loopback unless told otherwise), the proxies trusted to
name the client, the owner-only data folder and the server's log."""

from __future__ import annotations

import ipaddress
import logging
import os

from reportgen.errors import ReportgenError
from reportgen.unit import Unit
from reportgen.web.config import WebConfig, private_folder
from reportgen.web.runner import runner_spec, start_runner, stop_runner


def make_config(unit: Unit, secure_cookie: bool = False, jobs: int | None = None, cluster: str | None = None,
                storage: str | None = None) -> WebConfig:
    """Return the server's configuration for the unit, its folders made absolute (the server may change its
    working folder; its pages name files relative to them), its runs executed by a runner process."""
    resolved = Unit(unit.inputs.resolve(), unit.out.resolve(), register_option=unit.register_option,
                    templates_option=unit.templates_option, data_option=unit.data.resolve())
    return WebConfig(resolved, secure_cookie=secure_cookie, jobs=jobs, cluster=cluster, storage=storage, apart=True)


def trusted_proxies(proxied: bool, given: tuple[str, ...]) -> list[str]:
    """Return the addresses and networks whose X-Forwarded-For is believed: the given ones (checked), and the
    loopback with --https."""
    trusted = ["127.0.0.1", "::1"] if proxied else []
    for text in given:
        try:
            trusted.append(str(ipaddress.ip_network(text.strip(), strict=False)))
        except ValueError:
            raise ReportgenError(f"--proxy-tepercaya '{text}' bukan alamat IP atau jaringan (mis. 172.17.0.0/16)") \
                from None
    return trusted


def serve(config: WebConfig, host: str = "127.0.0.1", port: int = 8000, proxies: list[str] | None = None) -> None:
    """Serve the page until stopped. What the server writes is its owner's only (umask 077); tracebacks go to the
    log (stderr and data/server.log), never to a page."""
    import uvicorn

    from reportgen.web.app import create_app

    os.umask(0o077)
    private_folder(config.data)
    handler = logging.FileHandler(config.data / "server.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("reportgen").addHandler(handler)
    logging.getLogger("reportgen").addHandler(logging.StreamHandler())
    logging.getLogger("reportgen").setLevel(logging.INFO)
    app = create_app(config)
    # the runs' runner, started here, before any server thread exists, and stopped with the server
    runner = start_runner(runner_spec(config.unit, config.jobs_folder, config.jobs, config.cluster, config.storage),
                          config.data / "pelaksana.log") if config.apart else None
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=bool(proxies),
                    forwarded_allow_ips=proxies or None, server_header=False, date_header=False,
                    timeout_keep_alive=5, limit_concurrency=200, h11_max_incomplete_event_size=64 * 1024)
    finally:
        if runner is not None:
            stop_runner(runner)
