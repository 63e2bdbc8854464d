"""Care files (issue 17): validation, consent gating, privacy scoping, access log, closure and erasure,
assessments from templates, visit schedule and overdue reminders, and Resident Needs raised in one click
from a visit, an assessment or a consultation's agenda item (the need links back; a child's identity never
reaches it; only those who may read the file, or write the consultation, raise it)."""

from __future__ import annotations

import datetime

import frappe
import pytest
from care_support import care_world, delete_care_world, make_care_file
from factories import make_community, resident_id

from wuse_app.care import visits
from wuse_app.linkage.sources import raise_need
from wuse_app.utils.settings import get_settings

CHILD_TEMPLATE = "困境儿童情况筛查"
ELDER_TEMPLATE = "老年人能力评估（GB/T 42195-2022）"


@pytest.fixture(scope="module")
def w():
	"""Built once and committed (users are slow to create); each test still rolls back its own changes."""
	frappe.set_user("Administrator")
	world = care_world()
	frappe.db.commit()
	yield world
	delete_care_world(world)


def visible(doctype: str, user: str, **form) -> set[str]:
	"""What `user` lists; `form`: the request's form_dict (frappe.set_user resets it)."""
	frappe.set_user(user)
	frappe.local.form_dict = frappe._dict(form)
	try:
		return set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
	finally:
		frappe.set_user("Administrator")


# --- the file itself -----------------------------------------------------------------------------------


def test_care_file_masks_the_id_and_derives_birth_date_and_childhood(w):
	assert w.child.is_child and not w.elder.is_child
	assert w.child.id_number_masked.count("*") >= 8 and w.child.id_number not in w.child.id_number_masked
	assert w.child.date_of_birth and w.child.gender


def test_an_invalid_id_number_is_refused_with_a_clear_message(w):
	with pytest.raises(frappe.ValidationError, match="ID number"):
		make_care_file(w.here, id_number="110105194912310021")


def test_a_childs_file_needs_guardian_and_emergency_contact(w):
	with pytest.raises(frappe.ValidationError, match="guardian and an emergency contact"):
		make_care_file(w.here, child=True, emergency_contact_name=None)


def test_a_minors_consent_must_come_from_the_guardian(w):
	with pytest.raises(frappe.ValidationError, match="guardian"):
		make_care_file(w.here, child=True, consent_by="Self")


# --- consent gating ------------------------------------------------------------------------------------


def visit(care_file: str, **values):
	data = {
		"doctype": "Care Visit",
		"care_recipient": care_file,
		"task": "上门探访",
		"visitor_type": "Social Worker",
		"social_worker": values.pop("social_worker", None)
		or frappe.db.get_value("Care Recipient", care_file, "assigned_social_worker"),
		"status": "Completed",
		"visit_date": frappe.utils.today(),
		"findings": "情况稳定",
	}
	data.update(values)
	return frappe.get_doc(data).insert()


def test_no_visit_without_consent(w):
	no_consent = make_care_file(w.here, w.social_worker, consent=False)
	with pytest.raises(frappe.ValidationError, match="No consent is recorded"):
		visit(no_consent.name)
	assert not frappe.db.exists("Care Visit", {"care_recipient": no_consent.name})


def test_an_emergency_visit_is_allowed_without_consent_when_described(w):
	no_consent = make_care_file(w.here, w.social_worker, consent=False)
	with pytest.raises(frappe.ValidationError, match="Describe the emergency"):
		visit(no_consent.name, emergency=1)
	assert visit(no_consent.name, emergency=1, emergency_note="邻居报告老人摔倒").name


def test_no_assessment_without_consent(w):
	no_consent = make_care_file(w.here, w.social_worker, consent=False)
	with pytest.raises(frappe.ValidationError, match="No consent is recorded"):
		assess(no_consent.name, "C1")


# --- privacy: who reads which file ---------------------------------------------------------------------


def test_care_files_are_read_only_by_assigned_social_worker_secretary_and_administrators(w):
	all_here = {w.elder.name, w.child.name, w.unassigned.name}
	assert visible("Care Recipient", w.sw_user) == {w.elder.name, w.child.name}
	assert visible("Care Recipient", w.secretary) >= all_here
	assert w.elsewhere.name not in visible("Care Recipient", w.secretary)
	assert {w.elder.name, w.child.name, w.unassigned.name, w.elsewhere.name} <= visible(
		"Care Recipient", w.admin
	)
	assert visible("Care Recipient", w.other_sw_user) == set()  # same community, not assigned


@pytest.mark.parametrize(
	"who", ["staff", "reviewer", "leader", "org_user", "vol_user", "scopeless_secretary", "other_sw_user"]
)
def test_everyone_else_is_denied_the_file(w, who):
	user = w[who]
	assert not frappe.has_permission("Care Recipient", "read", w.child.name, user=user)
	assert not frappe.has_permission("Care Assessment", "read", user=user) or not visible(
		"Care Assessment", user
	)
	if who in ("staff", "reviewer", "leader", "org_user", "vol_user"):
		with pytest.raises(frappe.PermissionError):
			visible("Care Recipient", user)
	else:
		assert visible("Care Recipient", user) == set()  # the role without a scope sees nothing


def test_the_secretary_and_social_worker_see_the_file_but_not_the_id_number(w):
	from frappe.model import get_permitted_fields

	for user in (w.secretary, w.sw_user):
		fields = get_permitted_fields("Care Recipient", user=user)
		assert "id_number" not in fields and "date_of_birth" not in fields and "gender" not in fields
		assert "id_number_masked" in fields
	assert "id_number" in get_permitted_fields("Care Recipient", user=w.admin)


def test_filtering_by_the_id_number_is_refused_to_those_who_cannot_read_it(w):
	with pytest.raises(frappe.PermissionError):
		visible("Care Recipient", w.secretary, filters=f'[["id_number","=","{w.child.id_number}"]]')


def test_a_volunteer_sees_only_their_own_visit_task_and_its_minimum_fields(w):
	from frappe.model import get_permitted_fields

	assert visible("Care Visit", w.vol_user) == {w.task.name}
	assert visible("Care Visit", w.other_vol_user) == set()
	assert frappe.has_permission("Care Visit", "read", w.task.name, user=w.vol_user)
	assert not frappe.has_permission("Care Visit", "read", w.task.name, user=w.other_vol_user)
	assert not frappe.has_permission("Care Visit", "write", w.task.name, user=w.vol_user)
	fields = set(get_permitted_fields("Care Visit", user=w.vol_user))
	assert {"recipient_name", "visit_address", "task"} <= fields
	assert not fields & {"findings", "needs_raised", "emergency_note", "visit_date"}


def test_children_files_are_left_out_of_exports(w):
	exported = visible("Care Recipient", w.admin, cmd="frappe.desk.reportview.export_query")
	assert w.elder.name in exported and w.child.name not in exported


# --- access log ----------------------------------------------------------------------------------------


def test_every_read_of_a_care_file_is_logged_with_who_and_when(w):
	before = frappe.db.count("Care File Access Log", {"care_recipient": w.child.name, "user": w.secretary})
	frappe.local.care_access_logged = set()  # one row per record and request
	assert frappe.has_permission(
		"Care Recipient", "read", frappe.get_doc("Care Recipient", w.child.name), user=w.secretary
	)
	rows = frappe.get_all(
		"Care File Access Log",
		{"care_recipient": w.child.name, "user": w.secretary},
		["access_type", "accessed_at"],
	)
	assert len(rows) == before + 1 and rows[0].access_type == "Read" and rows[0].accessed_at


def test_the_access_log_is_readable_by_wuse_administrators_only(w):
	assert frappe.has_permission("Care File Access Log", "read", user=w.admin)
	for who in ("secretary", "sw_user", "reviewer", "staff", "leader"):
		assert not frappe.has_permission("Care File Access Log", "read", user=w[who])


# --- closure and erasure -------------------------------------------------------------------------------


def test_a_closed_file_takes_no_more_visits(w):
	elder = frappe.get_doc("Care Recipient", w.elder.name)
	elder.close_file("迁出本社区")
	assert elder.status == "Closed" and not elder.next_visit_due
	with pytest.raises(frappe.ValidationError, match="closed"):
		visit(w.elder.name)


def test_erasure_removes_personal_fields_and_keeps_statistics(w):
	done = visit(w.child.name, findings="祖母身体欠佳", needs_raised="课后托管")
	child = frappe.get_doc("Care Recipient", w.child.name)
	with pytest.raises(frappe.ValidationError, match="Close the care file"):
		child.erase_personal_data("法院裁定")
	child.close_file("监护人申请删除")
	frappe.set_user(w.secretary)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Care Recipient", w.child.name).erase_personal_data("法院裁定")
	frappe.set_user("Administrator")
	child.erase_personal_data("依法删除申请（个人信息保护法第四十七条）")
	erased = frappe.get_doc("Care Recipient", w.child.name)
	for field in (
		"id_number",
		"id_number_masked",
		"date_of_birth",
		"guardian_name",
		"guardian_mobile",
		"address",
	):
		assert not erased.get(field), field
	assert w.child.full_name not in erased.full_name and erased.personal_data_erased
	assert (erased.recipient_type, erased.community, erased.risk_level, erased.is_child) == (
		"Left-behind Child",
		w.here,
		"High",
		1,
	)
	visit_row = frappe.db.get_value(
		"Care Visit", done.name, ["findings", "needs_raised", "visit_date", "status"], as_dict=True
	)
	assert not visit_row.findings and not visit_row.needs_raised and visit_row.status == "Completed"
	with pytest.raises(frappe.ValidationError, match="erased"):
		erased.save()


# --- assessments ---------------------------------------------------------------------------------------


def assess(care_file: str, *present: str, template: str = CHILD_TEMPLATE, date=None):
	items = frappe.get_doc("Assessment Template", template).items
	return frappe.get_doc(
		{
			"doctype": "Care Assessment",
			"care_recipient": care_file,
			"template": template,
			"assessment_date": date or frappe.utils.today(),
			"answers": [
				{"item_code": i.item_code, "option_label": "是" if i.item_code in present else "否"}
				for i in items
			],
		}
	).insert()


def test_default_templates_are_seeded_from_the_data_files():
	elder = frappe.get_doc("Assessment Template", ELDER_TEMPLATE)
	assert len(elder.items) == 26 and not elder.has_unconfirmed_values and len(elder.bands) == 5
	assert {i.dimension for i in elder.items} == {"自理能力", "基础运动能力", "精神状态", "感知觉与社会参与"}
	assert not frappe.get_doc("Assessment Template", CHILD_TEMPLATE).has_unconfirmed_values


def test_child_screening_scores_worked_examples_and_sets_level_risk_and_trend_on_the_file(w):
	yesterday = frappe.utils.add_days(frappe.utils.today(), -30)
	first = assess(w.child.name, "C1", "C4", date=yesterday)  # 2 + 1
	assert (first.total_score, first.level, first.risk_level, first.trend) == (
		3,
		"中风险",
		"Medium",
		"First Assessment",
	)
	second = assess(w.child.name, "C6")  # suspected abuse: 5
	assert (second.total_score, second.level, second.risk_level, second.trend) == (
		5,
		"高风险",
		"High",
		"Worse",
	)
	care_file = frappe.get_doc("Care Recipient", w.child.name)
	assert (care_file.latest_assessment_level, care_file.assessment_trend, care_file.risk_level) == (
		"高风险",
		"Worse",
		"High",
	)
	assert care_file.visit_interval_days == 7


def elder_answers(template, lowered: dict[str, int] | None = None) -> list[dict]:
	"""Each item's best option, or the option scoring `lowered[item]`."""
	best: dict[str, tuple[float, str]] = {}
	by_score: dict[tuple[str, float], str] = {}
	for o in template.options:
		by_score[(o.item_code, o.score)] = o.option_label
		if o.item_code not in best or o.score > best[o.item_code][0]:
			best[o.item_code] = (o.score, o.option_label)
	lowered = lowered or {}
	return [
		{"item_code": code, "option_label": by_score[(code, lowered[code])] if code in lowered else label}
		for code, (_score, label) in best.items()
	]


def test_the_elder_template_scores_the_gbt_42195_worked_examples(w):
	"""GB/T 42195-2022: 26 items, 90 points; 90 能力完好, 66-89 轻度, 46-65 中度, 30-45 重度, 0-29 完全丧失."""
	template = frappe.get_doc("Assessment Template", ELDER_TEMPLATE)
	assert not template.has_unconfirmed_values and len(template.items) == 26

	def assess(lowered=None):
		return frappe.get_doc(
			{
				"doctype": "Care Assessment",
				"care_recipient": w.elder.name,
				"template": ELDER_TEMPLATE,
				"assessment_date": frappe.utils.today(),
				"answers": elder_answers(template, lowered),
			}
		).insert()

	full = assess()
	assert (full.total_score, full.level) == (90, "能力完好")
	# Bathing with help (4 -> 2), stairs with help (3 -> 1), low mood in the last month (1 -> 0):
	mild = assess({"B1.3": 2, "B2.4": 1, "B3.8": 0})
	assert (mild.total_score, mild.level) == (85, "能力轻度受损（轻度失能）")
	# Self-care all with much help (8 x 1), mobility with much help (1+1+1+0):  90 - 24 - 12 = 54
	moderate = assess({**{f"B1.{i}": 1 for i in range(1, 9)}, "B2.1": 1, "B2.2": 1, "B2.3": 1, "B2.4": 0})
	assert (moderate.total_score, moderate.level) == (54, "能力中度受损（中度失能）")


def test_an_administrator_edits_the_template_and_the_new_scores_apply(w):
	template = frappe.get_doc("Assessment Template", CHILD_TEMPLATE)
	for option in template.options:
		if option.item_code == "C4" and option.option_label == "是":
			option.score = 5
	template.save()
	assert assess(w.child.name, "C4").level == "高风险"


def test_overlapping_bands_are_refused():
	template = frappe.get_doc("Assessment Template", CHILD_TEMPLATE)
	template.bands[1].min_score = 1
	with pytest.raises(frappe.ValidationError, match="overlap"):
		template.save()


# --- visits: schedule and reminders --------------------------------------------------------------------


def test_the_visit_interval_follows_the_risk_level_and_wuse_settings(w):
	assert frappe.db.get_value("Care Recipient", w.child.name, "visit_interval_days") == 7  # High
	assert frappe.db.get_value("Care Recipient", w.elder.name, "visit_interval_days") == 30  # Medium
	settings = frappe.get_doc("Wuse Settings")
	settings.medium_risk_visit_days = 14
	settings.save()
	elder = frappe.get_doc("Care Recipient", w.elder.name)
	elder.save()
	assert elder.visit_interval_days == 14


def test_a_completed_visit_moves_the_next_due_date(w):
	visit(w.child.name)
	care_file = frappe.get_doc("Care Recipient", w.child.name)
	assert str(care_file.last_visit_date) == frappe.utils.today()
	assert str(care_file.next_visit_due) == frappe.utils.add_days(frappe.utils.today(), 7)


def frozen_today(monkeypatch, day: datetime.date) -> None:
	"""Freeze the care module's clock (freezegun is not part of a Frappe bench)."""
	monkeypatch.setattr(visits, "today", lambda: str(day))


def test_overdue_visits_are_listed_and_reminded_once_a_day_with_frozen_time(w, monkeypatch):
	due = frappe.db.get_value("Care Recipient", w.child.name, "next_visit_due")
	frozen_today(monkeypatch, due + datetime.timedelta(days=3))
	overdue = {row.name: row for row in visits.overdue_care_files()}
	assert overdue[w.child.name].days_overdue == 3
	assert visits.send_overdue_visit_reminders() >= 2
	logs = frappe.get_all(
		"Notification Log",
		{"document_name": w.child.name, "document_type": "Care Recipient"},
		pluck="for_user",
	)
	assert set(logs) >= {w.sw_user, w.secretary} and w.staff not in logs
	subjects = frappe.get_all("Notification Log", {"document_name": w.child.name}, pluck="subject")
	assert all(w.child.full_name not in s for s in subjects)  # the file number, never the name
	visits.send_overdue_visit_reminders()
	assert (
		len(frappe.get_all("Notification Log", {"document_name": w.child.name, "for_user": w.sw_user})) == 1
	)
	frozen_today(monkeypatch, due + datetime.timedelta(days=4))
	assert visits.send_overdue_visit_reminders() >= 2  # the next day: reminded again
	frozen_today(monkeypatch, due)
	assert w.child.name not in {row.name for row in visits.overdue_care_files()}


def test_the_overdue_list_is_scoped_to_the_reader(w):
	frappe.db.set_value("Care Recipient", w.elsewhere.name, "next_visit_due", "2020-01-01")
	frappe.db.set_value("Care Recipient", w.elder.name, "next_visit_due", "2020-01-01")
	frappe.set_user(w.sw_user)
	names = {row["name"] for row in visits.get_overdue_visits()}
	frappe.set_user("Administrator")
	assert w.elder.name in names and w.elsewhere.name not in names
	frappe.set_user(w.staff)
	with pytest.raises(frappe.PermissionError):
		visits.get_overdue_visits()


def test_the_overdue_number_card_is_installed():
	card = frappe.get_doc("Number Card", "Overdue Care Visits")
	assert card.document_type == "Care Recipient" and "next_visit_due" in card.dynamic_filters_json


def test_settings_refuse_intervals_that_visit_high_risk_less_often():
	settings = frappe.get_doc("Wuse Settings")
	settings.high_risk_visit_days = 60
	with pytest.raises(frappe.ValidationError, match="must not exceed"):
		settings.save()


def test_a_community_secretary_of_another_community_cannot_create_a_file_here(w):
	frappe.set_user(w.other_secretary)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{
				"doctype": "Care Recipient",
				"recipient_type": "Elderly",
				"full_name": "越界",
				"id_number": resident_id(),
				"community": w.here,
			}
		).insert()
	frappe.set_user("Administrator")
	assert make_community()


# --- one click to a Resident Need (linkage/sources.py): from a visit, an assessment, an agenda item --------

NEED_CATEGORY = "Child Protection"


def completed_visit(w, care_file: str):
	frappe.set_user(w.sw_user)
	return frappe.get_doc(
		{
			"doctype": "Care Visit",
			"care_recipient": care_file,
			"task": "入户走访",
			"status": "Completed",
			"visit_date": frappe.utils.today(),
			"visitor_type": "Social Worker",
			"social_worker": w.social_worker,
			"findings": "孩子近期情绪低落",
			"needs_raised": "需要心理疏导和课业辅导",
		}
	).insert()


def raise_from(doctype: str, name: str, **values) -> str:
	return raise_need(
		doctype,
		name,
		category=NEED_CATEGORY,
		description=values.pop("description", "需要心理疏导和课业辅导"),
		need_source=values.pop("need_source", "Visit"),
		**values,
	)


def test_the_assigned_social_worker_raises_a_need_from_a_childs_visit_without_the_childs_identity(w):
	visit = completed_visit(w, w.child.name)
	name = raise_from("Care Visit", visit.name, urgency=None, people_affected=1)
	frappe.set_user("Administrator")
	need = frappe.get_doc("Resident Need", name)
	assert (need.source_document_type, need.source_document) == ("Care Visit", visit.name)
	assert (need.community, need.category, need.responsible_social_worker) == (
		w.here,
		NEED_CATEGORY,
		w.social_worker,
	)
	assert not need.resident_name and not need.contact_mobile
	text = frappe.as_json(need.as_dict())
	for personal in (w.child.full_name, w.child.id_number, w.child.guardian_mobile, "13900139000"):
		assert personal not in text
	# The community's staff work on the need but still cannot open the child's file or the visit.
	assert frappe.has_permission("Resident Need", "read", doc=need, user=w.staff)
	assert not frappe.has_permission("Care Visit", "read", doc=visit, user=w.staff)
	assert not frappe.has_permission("Care Recipient", "read", doc=w.child, user=w.staff)


def test_an_elders_need_from_an_assessment_carries_the_name_but_no_id_or_contact(w):
	frappe.set_user(w.secretary)
	assessment = frappe.get_doc(
		{
			"doctype": "Care Assessment",
			"care_recipient": w.elder.name,
			"template": "困境儿童情况筛查",
			"assessment_date": frappe.utils.today(),
			"answers": [
				{"item_code": code, "option_label": "否"}
				for code in ("C1", "C2", "C3", "C4", "C5", "C6", "C7")
			],
		}
	).insert()
	name = raise_from("Care Assessment", assessment.name, description="独居，需要助餐服务")
	need = frappe.get_doc("Resident Need", name)
	assert (need.source_document_type, need.source_document, need.resident_name) == (
		"Care Assessment",
		assessment.name,
		w.elder.full_name,
	)
	assert w.elder.id_number not in frappe.as_json(need.as_dict())


def test_only_those_who_may_read_the_care_file_raise_a_need_from_it(w):
	for who in ("other_sw_user", "other_secretary", "staff", "vol_user", "reviewer"):
		frappe.set_user(w[who])
		with pytest.raises(frappe.PermissionError):
			raise_from("Care Visit", w.task.name)  # the volunteer's own task does not count
	frappe.set_user("Administrator")
	assert not frappe.db.exists("Resident Need", {"source_document": w.task.name})


def test_an_agenda_item_raises_one_need_and_both_link_to_each_other(w):
	frappe.set_user(w.secretary)
	consultation = frappe.get_doc(
		{
			"doctype": "Community Consultation",
			"title": "关于留守儿童课后照看的议事协商会",
			"community": w.here,
			"convenor": "社区书记",
			"participants": [{"participant_name": "居民甲", "participant_type": "Resident"}],
			"agenda_items": [{"issue": "放学后无人照看", "decision": "开设四点半课堂"}],
		}
	).insert()
	row = consultation.agenda_items[0].name
	name = raise_from(
		"Community Consultation",
		consultation.name,
		row=row,
		need_source="Community Consultation",
		people_affected=12,
	)
	need = frappe.get_doc("Resident Need", name)
	assert (need.source_document_type, need.source_document, need.source_row, need.people_affected) == (
		"Community Consultation",
		consultation.name,
		row,
		12,
	)
	assert frappe.db.get_value("Consultation Agenda Item", row, "resident_need") == name
	with pytest.raises(frappe.ValidationError, match="already linked"):
		raise_from("Community Consultation", consultation.name, row=row, need_source="Community Consultation")
	# A social worker reads consultations but does not write them: no need from them.
	frappe.set_user(w.other_sw_user)
	with pytest.raises(frappe.PermissionError):
		raise_from("Community Consultation", consultation.name, row=row, need_source="Community Consultation")


def test_a_need_cannot_be_raised_from_other_records_nor_its_source_forged(w):
	frappe.set_user(w.secretary)
	with pytest.raises(frappe.ValidationError, match="cannot be raised from"):
		raise_from("Care Recipient", w.child.name)
	with pytest.raises(frappe.ValidationError, match="Describe the need"):
		raise_from("Care Visit", w.task.name, description="  ")
	need = frappe.get_doc(
		{
			"doctype": "Resident Need",
			"community": w.here,
			"category": NEED_CATEGORY,
			"description": "自报需求",
			"source": "Staff",
			"urgency": get_settings().default_urgency,
			"source_document_type": "Care Visit",
			"source_document": w.task.name,
		}
	).insert()
	assert not need.source_document_type and not need.source_document
