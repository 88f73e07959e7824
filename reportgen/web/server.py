"""Run the app with uvicorn: the folders, the address (loopback unless told otherwise) and the server's log."""

from __future__ import annotations

import logging
from pathlib import Path

from reportgen.web.config import WebConfig, default_data_folder


def make_config(inputs: Path, out: Path, data: Path | None = None, secure_cookie: bool = False) -> WebConfig:
    """Return the server's folders, the data folder defaulting to OUT/server."""
    return WebConfig(inputs=Path(inputs).resolve(), out=Path(out).resolve(),
                     data=Path(data).resolve() if data else default_data_folder(Path(out)).resolve(),
                     secure_cookie=secure_cookie)


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
