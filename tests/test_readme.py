"""The README's example of a new kind runs as written: ten lines make a kind that publishes, shows in
`semua --help` and is carried by `tahun-baru`."""

from __future__ import annotations

import re

from conftest import ROOT, pdf_text, run_cli


def _example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"<!-- contoh-jenis -->\n```python\n(.*?)```", text, re.S).group(1)


def test_the_readme_kind_is_at_most_ten_lines_besides_its_imports_and_runs(example, tmp_path):
    from reportgen.documents.kinds import Ask
    from reportgen.documents.publish import Settings, publish
    from reportgen.documents.registry import registered
    from reportgen.unit import Unit

    code = _example()
    lines = [line for line in code.splitlines() if line.strip() and not line.startswith(("import ", "from "))]
    assert len(lines) <= 10, lines
    space: dict = {}
    exec(compile(code, "README.md", "exec"), space)
    kind = space["KIND"]
    (example / "2021" / "nota.yaml").write_text("isi: Rapat koordinasi Tim RB hari Senin.\n", encoding="utf-8")
    with registered(kind):
        assert "Nota dinas" in run_cli("semua", "--help").output
        result = publish([Ask(kind)], Settings(Unit(example, tmp_path / "out"), year=2021, formats=("pdf",)))
        assert "Rapat koordinasi Tim RB" in pdf_text(result.published[0].files[0].path)
        started = run_cli("tahun-baru", "2022", "--inputs", example)
        assert "nota.yaml: isi nota tahun baru" in started.output
    (example / "2022" / "nota.yaml").write_text("isi: [1]\n", encoding="utf-8")
    with registered(kind):
        wrong = run_cli("semua", "2022", "--inputs", example, "--out", tmp_path / "out")
    assert wrong.exit_code == 1 and "nota.yaml, kunci 'isi': tulis isi nota" in wrong.output
