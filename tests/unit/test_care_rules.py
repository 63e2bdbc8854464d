"""Care file rules: children's files, guardians, consent, consent gating, assessment scoring, visits."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from domain_asserts import assert_clerk_message

from wuse_app.domain import care as c
from wuse_app.domain.errors import DomainValidationError

TODAY = date(2026, 11, 27)


def test_a_child_type_or_anyone_under_18_has_a_childs_file():
	assert c.is_child_file("Left-behind Child", date(1990, 1, 1), TODAY)
	assert c.is_child_file("Person with Disability", date(2009, 11, 28), TODAY)  # 17 until tomorrow
	assert not c.is_child_file("Person with Disability", date(2008, 11, 27), TODAY)  # 18 today
	assert not c.is_child_file("Elderly", None, TODAY)


def test_a_childs_file_needs_guardian_and_emergency_contact():
	with pytest.raises(DomainValidationError) as error:
		c.validate_child_contacts(True, "王某", "13800138000", None, None)
	assert "guardian and an emergency contact" in assert_clerk_message(error.value)
	c.validate_child_contacts(True, "王某", "13800138000", "李某", "13900139000")
	c.validate_child_contacts(False, None, None, None, None)


def consent(**values):
	base = dict(
		is_child=False,
		consent_given=True,
		consent_by="Self",
		consenter_name="张某",
		consent_date=TODAY,
		consent_use="定期走访和需求评估",
		today=TODAY,
	)
	base.update(values)
	return c.validate_consent(**base)


def test_consent_records_who_when_and_what_use():
	consent()
	consent(consent_given=False, consent_by=None, consenter_name=None, consent_date=None, consent_use=None)
	for values, text in (
		({"consent_by": None}, "who gave consent"),
		({"consenter_name": " "}, "name of the person"),
		({"consent_date": None}, "date consent"),
		({"consent_date": date(2026, 11, 28)}, "future"),
		({"consent_use": ""}, "what the consent covers"),
	):
		with pytest.raises(DomainValidationError) as error:
			consent(**values)
		assert text in assert_clerk_message(error.value)


def test_a_minors_consent_comes_from_the_guardian():
	with pytest.raises(DomainValidationError, match="guardian"):
		consent(is_child=True, consent_by="Self")
	consent(is_child=True, consent_by="Guardian")


def test_no_service_without_consent_unless_an_emergency_is_recorded():
	c.validate_service_allowed(True, False, None)
	with pytest.raises(DomainValidationError) as error:
		c.validate_service_allowed(False, False, None)
	assert "No consent is recorded" in assert_clerk_message(error.value)
	with pytest.raises(DomainValidationError, match="Describe the emergency"):
		c.validate_service_allowed(False, True, "  ")
	c.validate_service_allowed(False, True, "独居老人摔倒，邻居报告")


# --- scoring: worked examples on the children's screening template (fixtures/assessment_templates) -----

FACTORS = {"C1": 2, "C2": 3, "C3": 2, "C4": 1, "C5": 2, "C6": 5, "C7": 3}
CODES = list(FACTORS)
OPTIONS = [o for code, w in FACTORS.items() for o in (c.Option(code, "是", w), c.Option(code, "否", 0))]
BANDS = [c.Band("低风险", 0, 1, "Low"), c.Band("中风险", 2, 4, "Medium"), c.Band("高风险", 5, 100, "High")]


def answers(*yes):
	return {code: ("是" if code in yes else "否") for code in CODES}


@pytest.mark.parametrize(
	("present", "total", "level", "risk"),
	[
		((), 0, "低风险", "Low"),
		(("C4",), 1, "低风险", "Low"),
		(("C1", "C4"), 3, "中风险", "Medium"),  # left-behind child in a low-income family
		(("C1", "C5"), 4, "中风险", "Medium"),
		(("C6",), 5, "高风险", "High"),  # suspected abuse alone is high risk
		(("C2", "C7", "C3"), 8, "高风险", "High"),
	],
)
def test_child_screening_worked_examples(present, total, level, risk):
	result = c.score_assessment(CODES, OPTIONS, BANDS, answers(*present))
	assert (result.total_score, result.level, result.risk_level) == (total, level, risk)


def test_every_item_must_be_answered_with_its_own_option():
	partial = answers()
	del partial["C3"]
	with pytest.raises(DomainValidationError, match="Answer item C3"):
		c.score_assessment(CODES, OPTIONS, BANDS, partial)
	with pytest.raises(DomainValidationError, match="not an option of item C1"):
		c.score_assessment(CODES, OPTIONS, BANDS, {**answers(), "C1": "也许"})
	with pytest.raises(DomainValidationError, match="not part of this assessment template"):
		c.score_assessment(CODES, OPTIONS, BANDS, {**answers(), "X9": "是"})


def test_values_to_be_confirmed_never_score():
	options = [c.Option("B1.1", "待确认", None)]
	with pytest.raises(DomainValidationError) as error:
		c.score_assessment(["B1.1"], options, BANDS, {"B1.1": "待确认"})
	assert "to be confirmed" in assert_clerk_message(error.value)
	with pytest.raises(DomainValidationError, match="Level band 能力完好 is still to be confirmed"):
		c.score_assessment(["C1"], OPTIONS, [c.Band("能力完好", None, None)], {"C1": "是"})


def test_a_total_outside_every_band_is_refused():
	with pytest.raises(DomainValidationError, match="covers a total score of 5"):
		c.score_assessment(CODES, OPTIONS, BANDS[:2], answers("C6"))


def test_level_bands_must_not_overlap():
	c.validate_bands(BANDS)
	with pytest.raises(DomainValidationError, match="overlap"):
		c.validate_bands([c.Band("a", 0, 5), c.Band("b", 5, 9)])
	with pytest.raises(DomainValidationError, match="above the highest"):
		c.validate_bands([c.Band("a", 9, 5)])
	c.validate_bands([c.Band("待确认", None, None), c.Band("b", 0, 1)])


@pytest.mark.parametrize(
	("previous", "current", "higher_is_better", "trend"),
	[
		(None, 10, True, "First Assessment"),
		(10, 10, True, "Stable"),
		(60, 70, True, "Improved"),
		(70, 60, True, "Worse"),
		(5, 3, False, "Improved"),  # fewer risk factors
		(3, 5, False, "Worse"),
	],
)
def test_trend_against_the_previous_assessment(previous, current, higher_is_better, trend):
	assert c.assessment_trend(previous, current, higher_is_better) == trend


# --- visits -------------------------------------------------------------------------------------------

INTERVALS = {"High": 7, "Medium": 30, "Low": 90}


def test_visit_interval_follows_the_risk_level():
	assert [c.visit_interval_days(level, INTERVALS) for level in ("High", "Medium", "Low", None)] == [
		7,
		30,
		90,
		90,
	]
	with pytest.raises(DomainValidationError, match="at least one day for risk level High"):
		c.visit_interval_days("High", {**INTERVALS, "High": 0})


def test_next_visit_due_and_overdue_days():
	assert c.next_visit_due(None, date(2026, 11, 1), 7) == date(2026, 11, 8)
	assert c.next_visit_due(date(2026, 11, 20), date(2026, 1, 1), 7) == date(2026, 11, 27)
	assert c.days_overdue(date(2026, 11, 27), TODAY) == 0
	assert c.days_overdue(date(2026, 11, 20), TODAY) == 7
	assert c.days_overdue(None, TODAY) == 0


def test_visit_date_today_or_before():
	c.validate_visit_date(TODAY, TODAY)
	with pytest.raises(DomainValidationError, match="future"):
		c.validate_visit_date(date(2026, 11, 28), TODAY)


def test_interval_settings_higher_risk_more_often():
	c.validate_interval_settings(INTERVALS)
	with pytest.raises(DomainValidationError, match="must not exceed"):
		c.validate_interval_settings({"High": 30, "Medium": 7, "Low": 90})
	with pytest.raises(DomainValidationError, match="at least one day"):
		c.validate_interval_settings({"High": 0, "Medium": 7, "Low": 90})


# --- the default GB/T 42195-2022 template (fixtures/assessment_templates) ------------------------------

GBT_42195 = Path(__file__).resolve().parents[2] / "fixtures" / "assessment_templates"


def elder_template() -> dict:
	return json.loads((GBT_42195 / "elder_ability_gbt_42195_2022.json").read_text(encoding="utf-8"))


def test_the_elder_template_has_the_standards_indicators_and_maxima():
	"""Four first-level indicators, 26 items (附录B 表B.1-B.4), maxima 32 + 15 + 28 + 15 = 90."""
	data = elder_template()
	best: dict[str, float] = {}
	for option in data["options"]:
		best[option["item_code"]] = max(best.get(option["item_code"], 0), option["score"])
	by_dimension: dict[str, float] = {}
	for item in data["items"]:
		assert item["reference"].startswith("GB/T 42195-2022 附录B 表B.")
		by_dimension[item["dimension"]] = by_dimension.get(item["dimension"], 0) + best[item["item_code"]]
	assert by_dimension == {"自理能力": 32, "基础运动能力": 15, "精神状态": 28, "感知觉与社会参与": 15}
	assert len(data["items"]) == 26


def test_the_elder_template_bands_cover_every_total_once():
	data = elder_template()
	bands = [c.Band(b["level"], b["min_score"], b["max_score"]) for b in data["bands"]]
	c.validate_bands(bands)
	covered = sorted(s for b in bands for s in range(int(b.min_score), int(b.max_score) + 1))
	assert covered == list(range(91))
	codes = [i["item_code"] for i in data["items"]]
	options = [c.Option(o["item_code"], o["option_label"], o["score"]) for o in data["options"]]
	worst = {
		code: min((o for o in options if o.item_code == code), key=lambda o: o.score).label for code in codes
	}
	assert c.score_assessment(codes, options, bands, worst).level == "能力完全丧失（完全失能）"
	assert all(b["_source"] for b in data["bands"]) and data["_sources"]


# --- needs raised from a care file ---------------------------------------------------------------------


def test_a_need_from_a_childs_or_erased_file_carries_no_name():
	assert c.need_identity(True, False, "王小明").resident_name is None
	assert c.need_identity(False, True, "张大爷").resident_name is None
	assert c.need_identity(False, False, " 张大爷 ").resident_name == "张大爷"


def test_a_need_says_what_is_needed():
	with pytest.raises(DomainValidationError, match="Describe the need"):
		c.validate_need_description("  ")
	assert c.validate_need_description(" 助餐 ") == "助餐"
