"""One click to a Resident Need (issue 17 items 3 and 7): from a consultation's agenda item, a care visit
or a care assessment; the need links back; a child's identity never reaches the need; only those who may
read the care file (or write the consultation) can raise it."""

from __future__ import annotations

import frappe
import pytest
from care_support import care_world, delete_care_world

from wuse_app.linkage.sources import raise_need
from wuse_app.utils.settings import get_settings

CATEGORY = "Child Protection"


@pytest.fixture(scope="module")
def w():
	frappe.set_user("Administrator")
	world = care_world()
	frappe.db.commit()
	yield world
	delete_care_world(world)


@pytest.fixture(autouse=True)
def as_administrator():
	yield
	frappe.set_user("Administrator")


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
		category=CATEGORY,
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
		CATEGORY,
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


@pytest.mark.parametrize("who", ("other_sw_user", "other_secretary", "staff", "vol_user", "reviewer"))
def test_only_those_who_may_read_the_care_file_raise_a_need_from_it(w, who):
	frappe.set_user("Administrator")
	before = frappe.db.count("Resident Need", {"source_document": w.task.name})
	frappe.set_user(w[who])
	with pytest.raises(frappe.PermissionError):
		raise_from("Care Visit", w.task.name)  # the volunteer's own task does not count
	frappe.set_user("Administrator")
	assert frappe.db.count("Resident Need", {"source_document": w.task.name}) == before


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
		"Community Consultation", consultation.name, row=row, need_source="Consultation", people_affected=12
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
		raise_from("Community Consultation", consultation.name, row=row, need_source="Consultation")
	# A social worker reads consultations but does not write them: no need from them.
	frappe.set_user(w.other_sw_user)
	with pytest.raises(frappe.PermissionError):
		raise_from("Community Consultation", consultation.name, row=row, need_source="Consultation")


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
			"category": CATEGORY,
			"description": "自报需求",
			"source": "Staff",
			"urgency": get_settings().default_urgency,
			"source_document_type": "Care Visit",
			"source_document": w.task.name,
		}
	).insert()
	assert not need.source_document_type and not need.source_document
