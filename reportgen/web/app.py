"""The ASGI app: its routes (sign in, years, uploads, runs, register, verification), sessions and error pages."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from reportgen import __version__
from reportgen.documents.registry import all_kinds, find_kind
from reportgen.errors import ReportgenError
from reportgen.web import accounts
from reportgen.web.config import WebConfig
from reportgen.web.guard import LoginLimiter, SignedInOnly, check_csrf, csrf_token
from reportgen.web.jobs import ALL, Busy, Jobs
from reportgen.web.register_page import register_rows
from reportgen.web.signing import sign_result
from reportgen.web.verification import check_code, check_upload
from reportgen.web.wording import error_text
from reportgen.web.year_inputs import TYPE_NAMES, YearInputs, find_spec, problems_of

log = logging.getLogger("reportgen.web")
HERE = Path(__file__).resolve().parent
FIRST_YEAR, LAST_YEAR = 2000, 2100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "csv": "text/csv; charset=utf-8", "png": "image/png", "zip": "application/zip"}


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["size"] = lambda n: f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} kB"
    return Jinja2Templates(env=env)


def create_app(config: WebConfig) -> Starlette:
    """Return the server's ASGI app for one unit's folders."""
    templates = _templates()
    limiter = LoginLimiter()
    year_inputs = YearInputs(config.unit, config.uploads)
    jobs = Jobs(config.jobs_folder, config.unit, config.jobs)

    def page(request: Request, template: str, status: int = 200, **context) -> Response:
        user = request.session.get("user")
        context.update(request=request, user=user, role=request.session.get("role"), csrf=csrf_token(request),
                       version=__version__, roles=accounts.ROLE_NAMES)
        return templates.TemplateResponse(request, template, context, status_code=status)

    def year_of(request: Request) -> int:
        year = request.path_params["year"]
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise HTTPException(404, "Tahun tidak dikenal")
        return year

    async def form_of(request: Request, files: int = 0):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > config.max_upload + 65536:
            raise HTTPException(413, f"Berkas terlalu besar: paling besar {config.max_upload // 1024 // 1024} MB")
        try:
            form = await request.form(max_files=files, max_fields=20, max_part_size=config.max_upload)
        except HTTPException:  # Starlette's own (English) words for a part too large or too many files
            raise HTTPException(413, f"Formulir tidak dapat diterima: berkas terlalu besar (paling besar "
                                     f"{config.max_upload // 1024 // 1024} MB) atau terlalu banyak berkas") from None
        check_csrf(request, form)
        return form

    # -- signing in ------------------------------------------------------------------------------------
    async def login(request: Request):
        if request.method == "GET":
            return page(request, "login.html", error=None, name="")
        form = await form_of(request)
        name, password = str(form.get("nama", "")), str(form.get("sandi", ""))
        address = request.client.host if request.client else "?"
        wait = limiter.wait(address, name)
        if wait:
            return page(request, "login.html", 429, name=name,
                        error=f"Terlalu banyak percobaan masuk. Coba lagi dalam {wait // 60 + 1} menit.")
        user = await run_in_threadpool(accounts.check_password, config.accounts, name, password)
        if user is None:
            limiter.failed(address, name)
            log.warning("failed login for %r from %s", name, address)
            return page(request, "login.html", 401, name=name, error="Nama pengguna atau kata sandi salah.")
        limiter.succeeded(name)
        target = request.session.get("next") or "/"
        request.session.clear()
        request.session.update(user=user.name, role=user.role, csrf=secrets.token_urlsafe(32))
        log.info("%s signed in from %s", user.name, address)
        return RedirectResponse(target if target.startswith("/") and not target.startswith("//") else "/", 303)

    async def logout(request: Request):
        await form_of(request)
        request.session.clear()
        return RedirectResponse("/masuk", 303)

    # -- years and their inputs ---------------------------------------------------------------------------
    async def home(request: Request):
        years = year_inputs.years()
        return page(request, "home.html", years=years, states={y: jobs.state(y) for y in years})

    async def open_year(request: Request):
        form = await form_of(request)
        try:
            year = int(str(form.get("tahun", "")).strip())
        except ValueError:
            year = 0
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return RedirectResponse("/", 303)
        return RedirectResponse(f"/tahun/{year}", 303)

    async def year_page(request: Request, uploaded: dict | None = None, busy: str | None = None, status: int = 200,
                        signed: dict | None = None):
        year = year_of(request)
        states = await run_in_threadpool(year_inputs.states, year)  # validation reads files: off the event loop
        rejected = {s.spec.name: problems_of(s.rejected) for s in states if s.rejected}
        return page(request, "year.html", status, year=year, states=states, rejected=rejected, kinds=all_kinds(),
                    job=jobs.state(year), results=jobs.results(year), uploaded=uploaded,
                    titles={k.key: k.title for k in all_kinds()}, signed=signed, busy=busy, type_names=TYPE_NAMES,
                    max_mb=config.max_upload // 1024 // 1024)

    async def upload(request: Request):
        year = year_of(request)
        form = await form_of(request, files=1)
        try:
            spec = find_spec(str(form.get("nama", "")))
        except KeyError:
            raise HTTPException(400, "Jenis berkas masukan tidak dikenal") from None
        sent = form.get("berkas")
        if sent is None or isinstance(sent, str) or not sent.filename:
            return await year_page(request, {"name": spec.name, "accepted": False, "problems": [],
                                             "message": "Pilih berkas yang akan diunggah."}, status=400)
        data = await sent.read()
        accepted, problems = await run_in_threadpool(year_inputs.upload, year, spec, data, sent.filename)
        log.info("%s uploaded %s for %s: %s", request.session.get("user"), spec.name, year,
                 "accepted" if accepted else f"{len(problems)} problems")
        return await year_page(request, {"name": spec.name, "accepted": accepted, "problems": problems,
                                         "message": None}, status=200 if accepted else 422)

    async def input_file(request: Request):
        year = year_of(request)
        try:
            spec = find_spec(request.path_params["name"])
        except KeyError:
            raise HTTPException(404, "Berkas tidak dikenal") from None
        path = year_inputs.path(year, spec)
        if not path.is_file():
            raise HTTPException(404, "Berkas belum ada")
        media = {"xlsx": XLSX, "yaml": "text/plain; charset=utf-8", "png": "image/png"}[spec.format]
        return FileResponse(path, media_type=media, filename=spec.name)

    async def blank(request: Request):
        from reportgen.inputs.blank import blank_workbook

        try:
            spec = find_spec(request.path_params["name"])
        except KeyError:
            raise HTTPException(404, "Berkas tidak dikenal") from None
        if not spec.blank:
            raise HTTPException(404, "Tidak ada templat kosong untuk berkas ini")
        data = await run_in_threadpool(blank_workbook, spec)
        return Response(data, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{spec.name}"'})

    # -- runs -------------------------------------------------------------------------------------------
    async def generate(request: Request):
        year = year_of(request)
        form = await form_of(request)
        what = str(form.get("jenis", ""))
        if what != ALL:
            try:
                find_kind(what)
            except KeyError:
                raise HTTPException(400, "Jenis dokumen tidak dikenal") from None
        try:
            jobs.start(year, what, request.session.get("user") or "", replace_all=form.get("ganti_semua") == "ya")
        except Busy:
            return await year_page(request, busy=f"Tahun {year} sedang diproses. Tunggu sampai selesai, lalu "
                                                 "coba lagi.", status=409)
        return RedirectResponse(f"/tahun/{year}#proses", 303)

    async def sign(request: Request):
        year = year_of(request)
        form = await form_of(request, files=1)
        if request.session.get("role") != "pimpinan":
            raise HTTPException(403, "Hanya akun pimpinan yang dapat menandatangani")
        key = str(form.get("jenis", ""))
        result = next((k for k in jobs.results(year) if k["key"] == key), None)
        if result is None:
            raise HTTPException(404, "Dokumen belum dibuat")
        sent = form.get("sertifikat")
        p12 = await sent.read() if sent is not None and not isinstance(sent, str) else b""
        p12_name = (sent.filename or "") if sent is not None and not isinstance(sent, str) else ""
        try:
            signed = await run_in_threadpool(sign_result, result, config.out / str(year), config.unit, p12,
                                             str(form.get("sandi", "")), p12_name)
        except ReportgenError as exc:
            return await year_page(request, signed={"key": key, "error": error_text(exc, config.unit)}, status=422)
        jobs.add_signed(year, key, signed)
        log.info("%s signed %s of %s", request.session.get("user"), key, year)
        return await year_page(request, signed={"key": key, "error": None, "files": signed})

    async def progress(request: Request):
        state = jobs.state(year_of(request))
        if state is None:
            return JSONResponse({"status": None})
        return JSONResponse({k: state.get(k) for k in ("id", "status", "label", "done", "total", "percent")})

    async def result_file(request: Request):
        year = year_of(request)
        path = jobs.result_file(year, request.path_params["name"])
        if path is None or not path.is_file():
            raise HTTPException(404, "Berkas tidak ditemukan")
        return FileResponse(path, media_type=MEDIA[path.suffix[1:]],
                            filename=path.name if path.suffix == ".zip" else None)

    async def output_file(request: Request):
        year = year_of(request)
        path = jobs.output_file(year, request.path_params["path"])
        if path is None or not path.is_file():
            raise HTTPException(404, "Berkas tidak ditemukan")
        inline = path.suffix == ".pdf" and request.query_params.get("lihat") == "1"
        return FileResponse(path, media_type=MEDIA.get(path.suffix[1:], "application/octet-stream"),
                            filename=path.name, content_disposition_type="inline" if inline else "attachment")

    # -- register and verification ------------------------------------------------------------------------
    async def register(request: Request):
        query = request.query_params.get("cari", "").strip()
        rows, where = await run_in_threadpool(register_rows, config.unit, query)
        return page(request, "register.html", rows=rows, query=query, where=where)

    async def verify(request: Request):
        answer = None
        code = request.path_params.get("code")
        if request.method == "POST":
            form = await form_of(request, files=1)
            sent = form.get("berkas")
            if sent is not None and not isinstance(sent, str) and sent.filename:
                data = await sent.read()
                answer = await run_in_threadpool(check_upload, data, config.unit)
            elif str(form.get("kode", "")).strip():
                return RedirectResponse(f"/verifikasi/{_code_path(str(form.get('kode')))}", 303)
        elif code:
            answer = await run_in_threadpool(check_code, code, config.unit)
        return page(request, "verify.html", answer=answer, code=code or "")

    # -- errors -------------------------------------------------------------------------------------------
    async def http_error(request: Request, exc: HTTPException):
        return page(request, "error.html", exc.status_code, title=_ERROR_TITLES.get(exc.status_code, "Galat"),
                    detail=_ERROR_DETAILS.get(str(exc.detail), str(exc.detail)), reference=None)

    async def user_error(request: Request, exc: ReportgenError):
        return page(request, "error.html", 400, title="Tidak dapat dikerjakan", detail=error_text(exc, config.unit),
                    reference=None)

    async def server_error(request: Request, exc: Exception):
        reference = secrets.token_hex(4).upper()
        log.exception("error %s on %s %s", reference, request.method, request.url.path)
        return page(request, "error.html", 500, title="Terjadi kesalahan pada server", reference=reference,
                    detail="Permintaan tidak dapat diselesaikan. Sampaikan kode rujukan ini kepada pengelola server.")

    routes = [
        Route("/masuk", login, methods=["GET", "POST"]),
        Route("/keluar", logout, methods=["POST"]),
        Route("/", home),
        Route("/tahun", open_year, methods=["POST"]),
        Route("/tahun/{year:int}", year_page),
        Route("/tahun/{year:int}/unggah", upload, methods=["POST"]),
        Route("/tahun/{year:int}/masukan/{name}", input_file),
        Route("/tahun/{year:int}/templat/{name}", blank),
        Route("/tahun/{year:int}/buat", generate, methods=["POST"]),
        Route("/tahun/{year:int}/proses", progress),
        Route("/tahun/{year:int}/tandatangani", sign, methods=["POST"]),
        Route("/tahun/{year:int}/hasil/{name}", result_file),
        Route("/tahun/{year:int}/berkas/{path:path}", output_file),
        Route("/register", register),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/verifikasi", verify, methods=["GET", "POST"]),
        Route("/verifikasi/{code}", verify),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [
        Middleware(SessionMiddleware, secret_key=config.session_key(), session_cookie="reportgen_sesi",
                   max_age=12 * 3600, same_site="lax", https_only=config.secure_cookie),
        Middleware(SignedInOnly),
    ]
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPException: http_error, ReportgenError: user_error,
                                        Exception: server_error})
    app.state.jobs, app.state.inputs, app.state.config = jobs, year_inputs, config
    return app


_ERROR_DETAILS = {"Not Found": "Halaman tidak ditemukan.", "Method Not Allowed": "Cara membuka halaman ini tidak diizinkan."}
_ERROR_TITLES = {400: "Permintaan tidak sah", 403: "Ditolak", 404: "Tidak ditemukan", 405: "Tidak diizinkan",
                 409: "Sedang diproses", 413: "Berkas terlalu besar"}


def _code_path(text: str) -> str:
    """Return a typed code as a path segment (letters, digits and hyphens only)."""
    return "".join(c for c in text.upper() if c.isalnum() or c == "-")[:40] or "-"
