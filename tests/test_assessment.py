"""PMPRB scoring: worksheet answers against a hand calculation, categories, both input forms."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.conventions.areas import AREAS
from reportgen.scoring.pmprb import (category_of, fmt_change, parse_answer_type, parse_component, summarize)
from reportgen.errors import InvalidValue, ProblemCollector
from reportgen.inputs.schemas.assessment import load_assessment

DATA = Path(__file__).parent / "data" / "assessment"
EXAMPLE = Path(__file__).parent.parent / "inputs" / "2021" / "penilaian.xlsx"


def load(path: Path, year: int = 2021):
    problems = ProblemCollector()
    assessment = load_assessment(path, None, year, problems)
    problems.raise_if_any()
    return assessment


def test_worksheet_scores_equal_hand_calculation():
    summary = summarize(load(DATA / "lke.csv"), 2021)
    # Area 1 Pemenuhan: sub-component "Tim RB" (weight 1): Ya=1, Tidak=0 -> mean 0,5 x 1 = 0,5;
    # "Road Map" (weight 0,5): A-E answer B = 0,75 -> 0,75 x 0,5 = 0,375. Score 0,875 of 1,5.
    pemenuhan = summary.line("area-1/pemenuhan").current
    assert pemenuhan.score == Decimal("0.875") and pemenuhan.weight == Decimal("1.5")
    # Area 1 Reform: "Komitmen" (weight 2): 80 % = 0,8 and A-D answer B = 0,67 -> mean 0,735 x 2 = 1,47.
    reform = summary.line("area-1/reform").current
    assert reform.score == Decimal("1.47") and reform.weight == Decimal("2")
    # Area 2 Hasil Antara: 100 % -> 1 x 1 = 1.
    assert summary.line("area-2/hasil_antara").current.score == Decimal("1")
    # Result component: IPAK 3,2 on a 0-4 scale = 0,8 x 5 = 4; Opini A-C answer B = 0,5 x 5 = 2,5 -> 6,5 of 10.
    bersih = summary.line("hasil/bersih").current
    assert bersih.score == Decimal("6.5") and bersih.weight == Decimal("10")
    # Totals: area 1 = 0,875 + 1,47 = 2,345 of 3,5; lever = 2,345 + 1 = 3,345 of 4,5; index 9,845 of 14,5.
    assert summary.line("area-1").current.score == Decimal("2.345")
    assert summary.line("pengungkit").current.score == Decimal("3.345")
    index = summary.index.current
    assert (index.score, index.weight) == (Decimal("9.845"), Decimal("14.5"))
    # achievement = score / weight x 100: 0,875 / 1,5 = 58,33 %
    assert round(pemenuhan.achievement, 2) == Decimal("58.33")
    # change from 2020 (Tim RB: Ya, Ya -> 1 x 1 = 1 of 1): 0,875 - 1 = -0,125, printed -0,13
    assert summary.line("area-1/pemenuhan").change == Decimal("-0.125")
    assert fmt_change(summary.line("area-1/pemenuhan").change) == "-0,13"
    assert summary.line("area-1/reform").change is None


@pytest.mark.parametrize("kind, answers", [
    ("Ya/Tidak", {"Ya": "1", "tidak": "0"}),
    ("A-C", {"A": "1", "B": "0.5", "c": "0"}),
    ("A/B/C/D", {"A": "1", "B": "0.67", "C": "0.33", "D": "0"}),
    ("A-E", {"A": "1", "B": "0.75", "C": "0.5", "D": "0.25", "E": "0"}),
    ("%", {"87,5": "0.875", "100": "1", "100 %": "1", 40: "0.4"}),
    ("Skala 0-4", {"3": "0.75", "4": "1"}),
])
def test_answer_values(kind, answers):
    answer_type = parse_answer_type(kind)
    for answer, value in answers.items():
        assert answer_type.value(answer) == Decimal(value)


@pytest.mark.parametrize("kind, answer", [("Ya/Tidak", "B"), ("A-C", "D"), ("A-D", "E"), ("%", "banyak"),
                                          ("%", "-5"), ("%", "150 %"), ("%", "250"), ("Skala 0-4", "5")])
def test_answer_not_fitting_its_type(kind, answer):
    with pytest.raises(InvalidValue, match="jawaban"):
        parse_answer_type(kind).value(answer)


@pytest.mark.parametrize("index, code", [(Decimal("90.01"), "AA"), (Decimal(90), "A"), (Decimal("80.5"), "A"),
                                         (Decimal(80), "BB"), (Decimal("70.01"), "BB"), (Decimal(70), "B"),
                                         (Decimal(60), "CC"), (Decimal(50), "C"), (Decimal(30), "D"),
                                         (Decimal(0), "D"), (Decimal(100), "AA")])
def test_categories(index, code):
    assert category_of(index).code == code


def test_components_and_names():
    assert parse_component("hasil antara").key == "hasil_antara"
    assert parse_component("REFORM").key == "reform"
    assert parse_component("Pemerintah yang bersih dan bebas KKN").group == "hasil"
    with pytest.raises(InvalidValue, match="komponen tidak dikenal"):
        parse_component("Inovasi")


def test_example_follows_the_real_case():
    """2020: of the Reform component 4 areas at 100 %, 3 good below 100 %, Organisasi not yet optimal."""
    assessment = load(EXAMPLE)  # 2021 in the official LKE's layout, 2019-2020 as scores per area
    assert assessment.form == "lke" and assessment.years == (2019, 2020, 2021)
    for year in (2020, 2021):
        summary = summarize(assessment, year)
        reform = {line.area.number: line.current.achievement for line in summary.lines
                  if line.area and line.component and line.component.key == "reform"}
        assert sorted(n for n, a in reform.items() if a == 100) == [1, 2, 7, 8]
        assert sorted(n for n, a in reform.items() if 70 <= a < 100) == [4, 5, 6]
        assert sorted(n for n, a in reform.items() if a < 70) == [3]
        # PermenPAN-RB 26/2020: pengungkit 60 = pemenuhan 20 + hasil antara 10 + reform 30; hasil 40
        assert summary.line("pengungkit").current.weight == 60
        assert summary.line("pengungkit/pemenuhan").current.weight == 20
        assert summary.line("pengungkit/reform").current.weight == 30
        assert summary.line("hasil").current.weight == 40
        assert len(summary.area_lines()) == len(AREAS)
    # 2019 uses other weights (no Hasil Antara): the weights come from the data
    old = summarize(assessment, 2019)
    assert old.find("pengungkit/hasil_antara") is None
    assert old.line("area-5").current.weight == 15
