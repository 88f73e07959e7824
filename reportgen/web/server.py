"""Run the app with uvicorn: the folders, the address (loopback unless told otherwise) and the server's log."""

from __future__ import annotations

import logging

from reportgen.unit import Unit
from reportgen.web.config import WebConfig


def make_config(unit: Unit, secure_cookie: bool = False) -> WebConfig:
    """Return the server's configuration for the unit, its folders made absolute (the server may change its
    working folder; its pages name files relative to them)."""
    resolved = Unit(unit.inputs.resolve(), unit.out.resolve(), register_option=unit.register_option,
                    templates_option=unit.templates_option, data_option=unit.data.resolve())
    return WebConfig(resolved, secure_cookie=secure_cookie)


def serve(config: WebConfig, host: str = "127.0.0.1", port: int = 8000, proxied: bool = False) -> None:
    """Serve the page until stopped; tracebacks go to the log (stderr and data/server.log), never to a page."""
    import uvicorn

    from reportgen.web.app import create_app

    config.data.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(config.data / "server.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("reportgen").addHandler(handler)
    logging.getLogger("reportgen").addHandler(logging.StreamHandler())
    logging.getLogger("reportgen").setLevel(logging.INFO)
    uvicorn.run(create_app(config), host=host, port=port, log_level="info", proxy_headers=proxied,
                forwarded_allow_ips="127.0.0.1" if proxied else None, server_header=False)
