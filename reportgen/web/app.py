"""The ASGI app: its routes (sign in, years, uploads, runs, register, verification, the head's settings and audit
log), its sessions, limits and error pages."""

from __future__ import annotations

import logging
import re
import secrets
import shutil
import tempfile
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from reportgen import __version__
from reportgen.documents.registry import all_kinds, find_kind
from reportgen.errors import Problem, ReportgenError
from reportgen.web import accounts, settings_form
from reportgen.web.audit import ACTIONS, AuditLog
from reportgen.web.config import WebConfig, private_folder
from reportgen.web.guard import (BodyLimit, Gate, RateLimiter, SignedInOnly, SignInLimiter, StaleForm, TooLarge,
                                 check_csrf, client_address, csrf_token, too_many)
from reportgen.web.jobs import ALL, Busy, Jobs
from reportgen.web.register_page import register_rows
from reportgen.web.signing import sign_result
from reportgen.web.unit_settings import describe
from reportgen.web.verification import check_code, check_upload
from reportgen.web.guide import next_step
from reportgen.web.messages import link as problem_link, parse_nips, problem_groups, sheet_rows, sorted_problems
from reportgen.web.wording import error_text, problem_for_page
from reportgen.web.year_inputs import TYPE_NAMES, YearInputs, find_spec, problems_of

log = logging.getLogger("reportgen.web")
HERE = Path(__file__).resolve().parent
FIRST_YEAR, LAST_YEAR = 2000, 2100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "csv": "text/csv; charset=utf-8", "png": "image/png", "zip": "application/zip"}
_UPLOAD = re.compile(r"/tahun/\d+/unggah(?:/([^/]+))?")
_SIGN = re.compile(r"/tahun/\d+/tandatangani")
_SETTINGS = re.compile(r"/tahun/\d+/isian/[^/]+(?:/periksa)?")
SETTINGS_FIELDS = 3000  # the fields of the longest settings form (a report's paragraphs, a decree's lists)


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["size"] = lambda n: f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} kB"
    env.globals.update(problem_link=problem_link, groups=problem_groups)
    env.filters["angka"] = _number_text
    env.filters["nip"] = lambda n: f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" if len(n) == 18 and n.isdigit() else n
    return Jinja2Templates(env=env)


def format_limit(config: WebConfig, fmt: str) -> int:
    """Return the largest upload of an input of this format (xlsx, yaml, png)."""
    limits = config.limits
    return {"xlsx": limits.workbook, "yaml": limits.settings, "png": limits.picture}.get(fmt, limits.workbook)


def body_limit(config: WebConfig):
    """Return the function that gives each request's limit by its route (its body may be larger by a form's
    limit): a year's input by its format, the public check, the leader's certificate, any other form."""
    limits = config.limits

    def limit_for(scope) -> int:
        path = scope.get("path", "")
        if scope.get("method") not in ("POST", "PUT", "PATCH"):
            return limits.form
        upload = _UPLOAD.fullmatch(path)
        if upload:
            try:
                fmt = find_spec(upload.group(1)).format if upload.group(1) else "xlsx"
            except KeyError:
                fmt = "yaml"  # an unknown name is refused as soon as its form is read
            return format_limit(config, fmt)
        if path == "/verifikasi":
            return limits.public_check
        if _SIGN.fullmatch(path):
            return limits.certificate
        if _SETTINGS.fullmatch(path):
            return limits.settings  # a settings file typed into its form: as large as the file may be uploaded
        return limits.form
    return limit_for


def create_app(config: WebConfig) -> Starlette:
    """Return the server's ASGI app for one unit's folders."""
    private_folder(config.data)
    templates = _templates()
    limits = config.limits
    sign_ins = SignInLimiter(limits.failures_per_address, limits.failures_per_name, limits.window,
                             limits.longest_delay)
    file_checks = RateLimiter(limits.checks_per_minute, 60.0)
    code_checks = RateLimiter(limits.codes_per_minute, 60.0)
    busy = "Server sedang melayani banyak permintaan. Coba lagi sebentar lagi."
    upload_gate = Gate(limits.uploads_at_once, limits.wait_seconds, busy)
    check_gate = Gate(limits.checks_at_once, limits.check_wait_seconds, busy)
    sign_in_gate = Gate(limits.sign_ins_at_once, limits.wait_seconds * 5, busy)
    year_inputs = YearInputs(config.unit, config.uploads)
    jobs = Jobs(config.jobs_folder, config.unit, config.jobs, cluster=_cluster(config), apart=config.apart)
    audit = AuditLog(config.audit)

    def user_of(request: Request) -> accounts.User | None:
        return getattr(request.state, "user", None)

    def record(request: Request, action: str, detail: str = "") -> None:
        user = user_of(request)
        audit.add(user.name if user else "-", client_address(request), action, detail)

    def unit_identity() -> tuple[str | None, bool]:
        """Return the unit's full name and whether it has a logo (None, False before it has a valid profile)."""
        try:
            profile = config.unit.profile if config.unit.has_profile else None
        except ReportgenError:
            return None, False
        if profile is None:
            return None, False
        return profile.full_name, bool(profile.logo and Path(profile.logo).is_file())

    async def logo(request: Request):
        try:
            profile = config.unit.profile if config.unit.has_profile else None
        except ReportgenError:
            profile = None
        if profile is None or not profile.logo or not Path(profile.logo).is_file() \
                or not Path(profile.logo).resolve().is_relative_to(config.inputs.resolve()):
            raise HTTPException(404, "Logo belum ada")  # only a picture of the unit's folder is shown to anyone
        media = "image/png" if Path(profile.logo).suffix.lower() == ".png" else "image/jpeg"
        return FileResponse(profile.logo, media_type=media, headers={"Cache-Control": "max-age=300"})

    def page(request: Request, template: str, status: int = 200, headers: dict | None = None, **context) -> Response:
        user = user_of(request)
        name, logo = unit_identity()
        context.update(request=request, user=user.name if user else None, role=user.role if user else None,
                       csrf=csrf_token(request), version=__version__, roles=accounts.ROLE_NAMES, unit_name=name,
                       unit_logo=logo)
        return templates.TemplateResponse(request, template, context, status_code=status, headers=headers)

    def year_of(request: Request) -> int:
        year = request.path_params["year"]
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise HTTPException(404, "Tahun tidak dikenal")
        return year

    def named_spec(request: Request):
        try:
            return find_spec(request.path_params["name"])
        except KeyError:
            raise HTTPException(404, "Berkas tidak dikenal") from None

    def leader_only(request: Request, what: str) -> None:
        user = user_of(request)
        if user is None or user.role != "pimpinan":
            raise HTTPException(403, f"Hanya akun pimpinan yang dapat {what}")

    async def form_of(request: Request, files: int = 0, fields: int = 20, part: int | None = None):
        try:
            form = await request.form(max_files=files, max_fields=fields, max_part_size=part or limits.form)
        except TooLarge:
            raise
        except HTTPException:  # Starlette's own (English) words for a field too large or too many files
            raise HTTPException(413, "Formulir tidak dapat diterima: isian terlalu besar atau terlalu banyak "
                                     "berkas") from None
        check_csrf(request, form)
        return form

    # -- signing in ------------------------------------------------------------------------------------
    async def login(request: Request):
        if request.method in ("GET", "HEAD"):
            return page(request, "login.html", error=None, name="")
        form = await form_of(request)
        name, password = str(form.get("nama", ""))[:100], str(form.get("sandi", ""))
        address = client_address(request)
        wait, mark = sign_ins.begin(address, name)
        if wait:
            return page(request, "login.html", 429, headers={"Retry-After": str(wait)}, name=name,
                        error=f"Terlalu banyak percobaan masuk. Coba lagi dalam {_duration(wait)}.")
        try:
            async with sign_in_gate.turn():
                user = await run_in_threadpool(accounts.check_password, config.accounts, name, password)
        except HTTPException:
            sign_ins.cancel(address, name, mark)
            raise
        if user is None:
            log.warning("failed login for %r from %s", name, address)
            return page(request, "login.html", 401, name=name, error="Nama pengguna atau kata sandi salah.")
        sign_ins.succeeded(address, name, mark)
        target = request.session.get("next") or "/"
        token = await run_in_threadpool(accounts.open_session, config.accounts, user, address)
        kept = request.session.get("csrf")  # a second sign-in in this browser: the pages open in other tabs go on
        request.session.clear()
        request.session.update(sid=token, csrf=kept or secrets.token_urlsafe(32))
        request.state.user = user
        record(request, "masuk")
        log.info("%s signed in from %s", user.name, address)
        return RedirectResponse(target if target.startswith("/") and not target.startswith("//") else "/", 303)

    async def logout(request: Request):
        await form_of(request)
        record(request, "keluar")
        await run_in_threadpool(accounts.close_session, config.accounts, request.session.get("sid", ""))
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
                        signed: dict | None = None, year: int | None = None, started: dict | None = None):
        year = year or year_of(request)
        states = await run_in_threadpool(year_inputs.states, year)  # validation reads files: off the event loop
        rejected = {s.spec.name: problems_of(s.rejected) for s in states if s.rejected}
        job, results = jobs.state(year), jobs.results(year)
        year_exists = config.unit.year_folder(year).is_dir()
        previous_exists = config.unit.year_folder(year - 1).is_dir()
        user = user_of(request)
        step = next_step(year, states, job, results, user.role if user else None, year_exists, previous_exists)
        staff = await run_in_threadpool(settings_form.staff, year_inputs.path(year, find_spec("pegawai.xlsx")))
        job_problems = [Problem(**p) for p in job.get("problems", [])] if job else []
        job_warnings = [Problem(**p) for p in job.get("warnings", []) if isinstance(p, dict)] if job else []
        return page(request, "year.html", status, year=year, states=states, rejected=rejected, kinds=all_kinds(),
                    job=job, results=results, job_problems=job_problems, job_warnings=job_warnings, uploaded=uploaded, step=step, year_exists=year_exists,
                    previous_exists=previous_exists, started=started, staff=staff, batch_kinds=[
                        k for k in all_kinds() if k.batch], batch_keys=[k.key for k in all_kinds() if k.batch],
                    titles={k.key: k.title for k in all_kinds()}, signed=signed, busy=busy, type_names=TYPE_NAMES,
                    max_mb=config.max_upload // 1024 // 1024, limits=limits)

    async def new_year(request: Request):
        from reportgen.documents.registry import catalogue
        from reportgen.inputs.new_year import start_year

        year = year_of(request)
        await form_of(request)
        try:
            made = await run_in_threadpool(start_year, config.inputs, year, catalogue(), year - 1)
        except ReportgenError as exc:
            return await year_page(request, busy=error_text(exc, config.unit), status=422)
        record(request, "tahun-baru", f"{year} dari {year - 1}: {len(made.copied)} berkas disalin")
        started = {"copied": made.copied, "fresh": made.fresh,
                   "warnings": [problem_for_page(w, config.unit) for w in made.warnings]}
        return await year_page(request, started=started)

    async def upload(request: Request):
        year = year_of(request)
        form = await form_of(request, files=1)  # within the route's limit, spooled to disk past 1 MB
        try:
            spec = find_spec(request.path_params.get("name") or str(form.get("nama", "")))
        except KeyError:
            raise HTTPException(400, "Jenis berkas masukan tidak dikenal") from None
        sent = form.get("berkas")
        if sent is None or isinstance(sent, str) or not sent.filename:
            return await year_page(request, {"name": spec.name, "accepted": False, "problems": [],
                                             "message": "Pilih berkas yang akan diunggah."}, status=400)
        limit = format_limit(config, spec.format)
        if (sent.size or 0) > limit:
            raise TooLarge(limit)
        user = user_of(request)
        had_file = year_inputs.path(year, spec).is_file()
        async with upload_gate.turn():  # a few at a time: each is held and validated in memory
            data = await sent.read()
            outcome = await run_in_threadpool(year_inputs.upload, year, spec, data, sent.filename, user.role,
                                              user.name)
            del data
        where = spec.name if spec.unit_level else f"{year}/{spec.name}"
        if outcome.pending:
            log.info("%s uploaded %s changing trusted settings: waiting for confirmation", user.name, where)
            return await year_page(request, {"name": spec.name, "accepted": False, "problems": outcome.problems,
                                             "message": None, "pending": outcome.pending})
        if outcome.accepted:
            record(request, "unggah", where + (" (menggantikan berkas sebelumnya)" if outcome.replaced else ""))
        else:
            trusted = [p for p in outcome.problems if p.key and p.key.split(".")[0] in ("instansi", "pimpinan",
                                                                                        "verifikasi", "penomoran")]
            record(request, "pengaturan-ditolak" if trusted else "unggah-ditolak",
                   f"{where}: {len([p for p in outcome.problems if not p.warning])} masalah"
                   + (": " + "; ".join(f"{p.key} = '{p.found}'" for p in trusted) if trusted else ""))
        log.info("%s uploaded %s: %s", user.name, where,
                 "accepted" if outcome.accepted else f"{len(outcome.problems)} problems")
        return await year_page(request, {"name": spec.name, "accepted": outcome.accepted,
                                         "problems": outcome.problems, "message": None, "pending": None,
                                         "had_file": had_file}, status=200 if outcome.accepted else 422)

    async def settings_decision(request: Request):
        leader_only(request, "mengubah nama unit, pimpinan atau alamat verifikasi")
        form = await form_of(request)
        pending = year_inputs.pending.get(request.path_params["token"])
        if pending is None:
            raise HTTPException(404, "Perubahan ini tidak ditemukan (sudah dipakai atau dibatalkan)")
        if form.get("keputusan") != "pakai":
            year_inputs.pending.drop(pending)
            return RedirectResponse(f"/tahun/{pending.year}", 303)
        outcome = await run_in_threadpool(year_inputs.confirm, pending)
        if outcome.accepted:
            record(request, "pengaturan", f"unit.yaml: {describe(list(pending.changes))}")
            log.info("%s changed trusted settings: %s", user_of(request).name, describe(list(pending.changes)))
        return await year_page(request, {"name": "unit.yaml", "accepted": outcome.accepted,
                                         "problems": outcome.problems, "message": None, "pending": None,
                                         "had_file": config.unit.has_profile},
                               status=200 if outcome.accepted else 422, year=pending.year)

    async def input_file(request: Request):
        year = year_of(request)
        spec = named_spec(request)
        path = year_inputs.path(year, spec)
        if not path.is_file():
            raise HTTPException(404, "Berkas belum ada")
        record(request, "unduh", spec.name if spec.unit_level else f"masukan {year}/{spec.name}")
        media = {"xlsx": XLSX, "yaml": "text/plain; charset=utf-8", "png": "image/png"}[spec.format]
        return FileResponse(path, media_type=media, filename=spec.name)

    async def blank(request: Request):
        from reportgen.inputs.blank import blank_workbook

        spec = named_spec(request)
        if not spec.blank:
            raise HTTPException(404, "Tidak ada templat kosong untuk berkas ini")
        data = await run_in_threadpool(blank_workbook, spec)
        return Response(data, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{spec.name}"'})

    async def sheet_view(request: Request):
        year = year_of(request)
        spec = named_spec(request)
        if spec.format != "xlsx":
            raise HTTPException(404, "Berkas ini bukan lembar kerja")
        rejected = request.query_params.get("ditolak") == "1"
        path = year_inputs.rejected_path(year, spec) if rejected else year_inputs.path(year, spec)
        if path is None or not path.is_file():
            raise HTTPException(404, "Berkas belum ada")
        try:
            row = int(request.query_params.get("baris", "0"))
        except ValueError:
            row = 0
        view = await run_in_threadpool(sheet_rows, path, request.query_params.get("lembar") or None, row,
                                       request.query_params.get("kolom", "")[:100])
        return page(request, "sheet.html", year=year, spec=spec, view=view, rejected=rejected, row=row)

    scores_cache: dict[int, tuple[tuple, object]] = {}

    def scores_of(year: int):
        """Return the year's scores (cached until a file of the year changes)."""
        from reportgen.documents.scores import year_scores

        folder = config.unit.year_folder(year)
        files = sorted(folder.glob("*")) if folder.is_dir() else []
        signature = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())
        cached = scores_cache.get(year)
        if cached and cached[0] == signature:
            return cached[1]
        scores = year_scores(config.unit, year)
        scores_cache[year] = (signature, scores)
        return scores

    async def scores_page(request: Request):
        year = year_of(request)
        scores = await run_in_threadpool(scores_of, year)
        problems = sorted_problems([problem_for_page(p, config.unit) for p in scores.problems])
        return page(request, "scores.html", year=year, pmprb=scores.pmprb, zi=scores.zi, charts=scores.charts,
                    problems=problems)

    async def score_chart(request: Request):
        year = year_of(request)
        scores = await run_in_threadpool(scores_of, year)
        data = scores.charts.get(request.path_params["name"])
        if data is None:
            raise HTTPException(404, "Grafik tidak ada")
        return Response(data, media_type="image/png")

    # -- settings files as forms -------------------------------------------------------------------------
    def settings_spec(request: Request):
        spec = named_spec(request)
        if spec.settings_model is None:
            raise HTTPException(404, "Berkas ini tidak diisi dengan formulir")
        return spec

    def settings_page(request: Request, year: int, spec, values: dict | None = None, problems=(), notice=None,
                      status: int = 200):
        fields = settings_form.descriptors(spec)
        path = year_inputs.path(year, spec)
        if values is None:
            content, _ = settings_form.read_current(path)
            values = settings_form.form_values(fields, content, spec.model())
            if not problems and content is not None:
                problems = year_inputs.problems(year).get(spec.name, [])  # the file's problems as it is
        by_key, general = settings_form.problems_by_field(list(problems))
        known = _field_names(fields, values)
        general = general + [p for key, ps in by_key.items() if key not in known for p in ps]
        staff = settings_form.staff(year_inputs.path(year, find_spec("pegawai.xlsx"))) \
            if _has_person(fields) else []
        return page(request, "settings.html", status, year=year, spec=spec, fields=fields, values=values,
                    by_key=by_key, general=general, staff=staff, notice=notice, field_id=settings_form.field_id,
                    nouns=settings_form.nouns(spec.model()))

    async def settings_get(request: Request):
        year = year_of(request)
        spec = settings_spec(request)
        return await run_in_threadpool(settings_page, request, year, spec)

    async def settings_sent(request: Request):
        """Return the file's content a settings form sent (and its values as the form shows them)."""
        year = year_of(request)
        spec = settings_spec(request)
        form = await form_of(request, fields=SETTINGS_FIELDS, part=limits.settings)
        fields = settings_form.descriptors(spec)
        sent = settings_form.file_values(fields, settings_form.nest(form.multi_items()),
                                         settings_form.textual_items(spec.model()))
        original, current = await run_in_threadpool(settings_form.read_current, year_inputs.path(year, spec))
        content = settings_form.merged(fields, spec.model(), original, sent)
        return year, spec, fields, content, current, sent

    async def settings_check(request: Request):
        year, spec, fields, content, _, _ = await settings_sent(request)
        problems = await run_in_threadpool(settings_form.check, spec, content, config.inputs)
        return JSONResponse({"problems": settings_form.as_json(problems)})

    async def settings_save(request: Request):
        year, spec, fields, content, current, sent = await settings_sent(request)
        data = settings_form.yaml_text(spec, current, content)
        user = user_of(request)
        async with upload_gate.turn():
            outcome = await run_in_threadpool(year_inputs.upload, year, spec, data, "formulir", user.role, user.name)
        where = spec.name if spec.unit_level else f"{year}/{spec.name}"
        if outcome.pending:
            return await year_page(request, {"name": spec.name, "accepted": False, "problems": outcome.problems,
                                             "message": None, "pending": outcome.pending})
        if outcome.accepted:
            record(request, "unggah", f"{where} (formulir)" + (" (menggantikan berkas sebelumnya)"
                                                               if outcome.replaced else ""))
            return await year_page(request, {"name": spec.name, "accepted": True, "problems": outcome.problems,
                                             "message": None, "pending": None, "form": True})
        record(request, "unggah-ditolak", f"{where} (formulir): "
                                          f"{len([p for p in outcome.problems if not p.warning])} masalah")
        values = settings_form.form_values(fields, sent)
        errors = len([p for p in outcome.problems if not p.warning])
        notice = {"level": "bad", "text": f"Belum disimpan: {errors} isian perlu diperbaiki (ditandai di bawah). "
                                          f"{spec.name} yang lama tetap dipakai." if year_inputs.path(year, spec)
                  .is_file() else f"Belum disimpan: {errors} isian perlu diperbaiki (ditandai di bawah)."}
        return await run_in_threadpool(settings_page, request, year, spec, values, outcome.problems, notice, 422)

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
        replace_all = form.get("ganti_semua") == "ya"
        only, wrong = parse_nips(str(form.get("nip", "")))
        if wrong:
            return await year_page(request, busy=f"NIP {', '.join(wrong)} tidak sah: tulis NIP 18 angka (boleh dengan "
                                                 "spasi), beberapa NIP dipisah koma.", status=422)
        try:
            jobs.start(year, what, user_of(request).name, replace_all=replace_all, only=only)
        except Busy:
            return await year_page(request, busy=f"Tahun {year} sedang diproses. Tunggu sampai selesai, lalu "
                                                 "coba lagi.", status=409)
        record(request, "ganti" if replace_all else "buat", f"{year}: {what}"
               + (f" (ulang untuk NIP {', '.join(only)})" if only else "")
               + (" (daftar baru menggantikan semua dokumen lama)" if replace_all else ""))
        return RedirectResponse(f"/tahun/{year}#proses", 303)

    async def sign(request: Request):
        year = year_of(request)
        leader_only(request, "menandatangani")
        form = await form_of(request, files=1)
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
        record(request, "tandatangani", f"{year}: {key}, {len(signed)} berkas")
        log.info("%s signed %s of %s", user_of(request).name, key, year)
        return await year_page(request, signed={"key": key, "error": None, "files": signed})

    async def progress(request: Request):
        state = jobs.state(year_of(request))
        if state is None:
            return JSONResponse({"status": None})
        return JSONResponse({k: state.get(k) for k in ("id", "status", "label", "done", "total", "percent", "bars",
                                                        "current")})

    async def result_file(request: Request):
        year = year_of(request)
        path = jobs.result_file(year, request.path_params["name"])
        if path is None or not path.is_file():
            raise HTTPException(404, "Berkas tidak ditemukan")
        if path.suffix == ".zip":  # a preview is part of the page, not a download
            record(request, "unduh", f"{year}/{path.name}")
        return FileResponse(path, media_type=MEDIA[path.suffix[1:]],
                            filename=path.name if path.suffix == ".zip" else None)

    async def output_file(request: Request):
        year = year_of(request)
        path = jobs.output_file(year, request.path_params["path"])
        if path is None or not path.is_file():
            raise HTTPException(404, "Berkas tidak ditemukan")
        record(request, "unduh", f"{year}/{request.path_params['path']}")
        inline = path.suffix == ".pdf" and request.query_params.get("lihat") == "1"
        return FileResponse(path, media_type=MEDIA.get(path.suffix[1:], "application/octet-stream"),
                            filename=path.name, content_disposition_type="inline" if inline else "attachment")

    # -- register, audit log and verification -------------------------------------------------------------
    async def register(request: Request):
        query = request.query_params.get("cari", "").strip()[:200]
        rows, where = await run_in_threadpool(register_rows, config.unit, query)
        return page(request, "register.html", rows=rows, query=query, where=where)

    async def audit_page(request: Request):
        leader_only(request, "membaca log kegiatan")
        who, action = request.query_params.get("pengguna", "")[:64], request.query_params.get("kegiatan", "")
        action = action if action in ACTIONS else ""
        events = await run_in_threadpool(audit.events, who, action)
        return page(request, "audit.html", events=events, who=who, action=action, actions=ACTIONS)

    async def verify(request: Request):
        answer = None
        code = request.path_params.get("code")
        address = client_address(request)
        if request.method == "POST":
            if request.headers.get("content-type", "").startswith("multipart/form-data"):
                wait = file_checks.take(address)  # counted before a byte of the body is read
                if wait:
                    raise too_many(wait, "Terlalu banyak pemeriksaan berkas dari alamat ini. Coba lagi dalam "
                                         f"{_duration(wait)}.")
                form = await form_of(request, files=1)  # within 16 MB, spooled to disk past 1 MB
                sent = form.get("berkas")
                if sent is not None and not isinstance(sent, str) and sent.filename:
                    async with check_gate.turn():  # the reading and parsing, a few at a time
                        answer = await run_in_threadpool(_check_sent, sent.file, config)
            else:
                form = await form_of(request)
                if str(form.get("kode", "")).strip():
                    return RedirectResponse(f"/verifikasi/{_code_path(str(form.get('kode')))}", 303)
        elif code:
            wait = code_checks.take(address)
            if wait:
                raise too_many(wait, f"Terlalu banyak pemeriksaan kode dari alamat ini. Coba lagi dalam "
                                     f"{_duration(wait)}.")
            answer = await run_in_threadpool(check_code, code[:100], config.unit)
        return page(request, "verify.html", answer=answer, code=code or "")

    async def fresh_token(request: Request):
        return JSONResponse({"token": csrf_token(request)})

    async def health(request: Request):
        return PlainTextResponse("ok")

    # -- errors -------------------------------------------------------------------------------------------
    async def http_error(request: Request, exc: HTTPException):
        return page(request, "error.html", exc.status_code, headers=exc.headers,
                    title=_ERROR_TITLES.get(exc.status_code, "Galat"),
                    detail=_ERROR_DETAILS.get(str(exc.detail), str(exc.detail)), reference=None)

    async def stale_form(request: Request, exc: StaleForm):
        """Say plainly that the page was old, and offer the same choices again with the session's token."""
        if not _same_origin(request):  # sent from another site: nothing of it is shown or offered again
            return page(request, "error.html", 403, title="Ditolak", reference=None,
                        detail="Permintaan ini tidak dikirim dari halaman server ini, jadi tidak dikerjakan.")
        if request.url.path == "/masuk":
            return page(request, "login.html", 403, name=str(exc.form.get("nama", ""))[:100],
                        error="Halaman masuk ini sudah lama dibuka. Masukkan kata sandi lagi.")
        match = re.fullmatch(r"/tahun/(\d+)/isian/([^/]+)", request.url.path)
        if match and user_of(request):
            year, name = int(match.group(1)), match.group(2)
            try:
                spec = find_spec(name)
            except KeyError:
                spec = None
            if spec is not None and spec.settings_model is not None:
                fields = settings_form.descriptors(spec)
                sent = settings_form.file_values(fields, settings_form.nest(exc.form.multi_items()),
                                                 settings_form.textual_items(spec.model()))
                notice = {"level": "bad", "text": "Halaman ini sudah lama (Anda keluar atau masuk lagi setelah "
                                                  "membukanya), jadi belum disimpan. Isian Anda masih ada di bawah: "
                                                  "periksa lalu simpan lagi."}
                return await run_in_threadpool(settings_page, request, year, spec,
                                               settings_form.form_values(fields, sent), (), notice, 403)
        kept = [(k, v) for k, v in exc.form.multi_items() if k != "csrf" and isinstance(v, str)][:40]
        files = [(k, v.filename) for k, v in exc.form.multi_items() if not isinstance(v, str) and v.filename]
        return page(request, "stale.html", 403, action=request.url.path, kept=kept, files=files,
                    choices=_choices(kept), signed_in=user_of(request) is not None)

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
        Route("/tahun/{year:int}/unggah/{name}", upload, methods=["POST"]),
        Route("/tahun/{year:int}/masukan/{name}", input_file),
        Route("/tahun/{year:int}/templat/{name}", blank),
        Route("/tahun/{year:int}/lihat/{name}", sheet_view),
        Route("/tahun/{year:int}/nilai", scores_page),
        Route("/tahun/{year:int}/nilai/grafik/{name}.png", score_chart),
        Route("/tahun/{year:int}/isian/{name}", settings_get),
        Route("/tahun/{year:int}/isian/{name}", settings_save, methods=["POST"]),
        Route("/tahun/{year:int}/isian/{name}/periksa", settings_check, methods=["POST"]),
        Route("/tahun/{year:int}/buat", generate, methods=["POST"]),
        Route("/tahun/{year:int}/mulai", new_year, methods=["POST"]),
        Route("/tahun/{year:int}/proses", progress),
        Route("/tahun/{year:int}/tandatangani", sign, methods=["POST"]),
        Route("/tahun/{year:int}/hasil/{name}", result_file),
        Route("/tahun/{year:int}/berkas/{path:path}", output_file),
        Route("/pengaturan/{token}", settings_decision, methods=["POST"]),
        Route("/register", register),
        Route("/log", audit_page),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/sehat", health),
        Route("/logo", logo),
        Route("/sesi/token", fresh_token),
        Route("/verifikasi", verify, methods=["GET", "POST"]),
        Route("/verifikasi/{code}", verify),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [
        Middleware(SessionMiddleware, secret_key=config.session_key(), session_cookie="reportgen_sesi",
                   max_age=int(config.session_hours * 3600), same_site="lax", https_only=config.secure_cookie),
        Middleware(SignedInOnly, accounts=config.accounts, idle=config.idle_minutes * 60,
                   longest=config.session_hours * 3600),
        Middleware(BodyLimit, limit_for=body_limit(config), slack=limits.form),
    ]
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={StaleForm: stale_form, HTTPException: http_error, ReportgenError: user_error,
                                        Exception: server_error})
    app.state.jobs, app.state.inputs, app.state.config, app.state.audit = jobs, year_inputs, config, audit
    return app


def _cluster(config: WebConfig):
    """Return the Dask cluster the app's own runs render batches on (None: this process)."""
    if not config.cluster or config.apart:  # a runner process makes its own
        return None
    from reportgen.output.cluster import Cluster

    return Cluster(config.cluster, config.storage)


def _check_sent(sent, config: WebConfig):
    """Return the answer for an uploaded file: copied (within its limit, already counted) to a private temporary
    file, checked, removed."""
    with tempfile.TemporaryDirectory(prefix="reportgen-periksa-") as work:
        path = Path(work) / "berkas"
        with open(path, "wb") as target:
            sent.seek(0)
            shutil.copyfileobj(sent, target, 1024 * 1024)
        return check_upload(path, config.unit)


_CHOICE_WORDS = {"jenis": "Dokumen", "ganti_semua": "Ganti semua dokumen lama", "nip": "Hanya untuk NIP",
                 "tahun": "Tahun", "keputusan": "Keputusan", "kode": "Kode verifikasi", "nama": "Nama"}


def _number_text(value, decimals: int = 2) -> str:
    """Return a number as the documents write it (85,35; 1.487,00); '-' for none."""
    if value is None:
        return "-"
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _same_origin(request: Request) -> bool:
    """Return whether a form was sent from this server's own page (its Origin, else its Referer)."""
    own = f"{request.url.scheme}://{request.url.netloc}"
    origin = request.headers.get("origin")
    if origin:
        return origin == own
    referer = request.headers.get("referer", "")
    return referer == own or referer.startswith(own + "/")


def _choices(kept: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return what a refused form had chosen, in words (the kind's title for a run)."""
    titles = {k.key: k.title for k in all_kinds()} | {ALL: "Semua dokumen"}
    shown = []
    for name, value in kept:
        if not value.strip() or name not in _CHOICE_WORDS:
            continue
        words = titles.get(value, value) if name == "jenis" else ("ya" if name == "ganti_semua" else value)
        shown.append((_CHOICE_WORDS[name], words))
    return shown


def _field_names(fields, values: dict, prefix: str = "") -> set[str]:
    """Return the names of the form's fields as rendered with `values` (a list's rows: 'menimbang[3]'): the
    problems of other keys are said above the form."""
    names = set()
    for f in fields:
        name = prefix + f.name
        names.add(name)
        value = values.get(f.name) if isinstance(values, dict) else None
        rows = list(enumerate(value, start=1)) if f.is_list and isinstance(value, list) else []
        for index, row in rows:
            names.add(f"{name}[{index}]")
            if f.fields:
                names |= _field_names(f.fields, row, f"{name}[{index}].")
        if f.fields and not f.is_list:
            names |= _field_names(f.fields, value or {}, name + ".")
    return names


def _has_person(fields) -> bool:
    return any(f.is_person or _has_person(f.fields) for f in fields)


def _duration(seconds: int) -> str:
    """Return a wait as people say it: 45 detik, 3 menit."""
    return f"{seconds} detik" if seconds < 90 else f"{(seconds + 59) // 60} menit"


_ERROR_DETAILS = {"Not Found": "Halaman tidak ditemukan.", "Method Not Allowed": "Cara membuka halaman ini tidak diizinkan."}
_ERROR_TITLES = {400: "Permintaan tidak sah", 403: "Ditolak", 404: "Tidak ditemukan", 405: "Tidak diizinkan",
                 409: "Sedang diproses", 413: "Berkas terlalu besar", 429: "Terlalu banyak permintaan",
                 503: "Server sibuk"}


def _code_path(text: str) -> str:
    """Return a typed code as a path segment (letters, digits and hyphens only)."""
    return "".join(c for c in text.upper() if c.isalnum() or c == "-")[:40] or "-"
