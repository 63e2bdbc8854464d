"""Community consultation (issue 17 items 1-4): participant types, votes, major-item party review in the
seeded workflow, follow-up ToDos, and the GB/T 9704 minutes PDF."""

from __future__ import annotations

import itertools
import re

import frappe
import pytest
from factories import assign, make_community, make_user
from frappe.model.workflow import apply_workflow
from official_documents import PT_PER_MM, as_user, pdf_fonts, read_pdf
from print_support import render_print, save_page_image

from wuse_app.setup import roles as R

DOCTYPE = "Community Consultation"
MINUTES = "Consultation Minutes (会议纪要)"
FOUR = ("Social Worker", "Social Organization", "Volunteer", "Charity Resource")
FOLIO = re.compile(r"—\s*(\d+)\s*—")


@pytest.fixture
def cc():
	community = make_community()
	data = frappe._dict(community=community, staff=make_user(), secretary=make_user())
	assign(data.staff, community, R.COMMUNITY_STAFF)
	assign(data.secretary, community, R.COMMUNITY_SECRETARY)
	return data


def consultation(community: str, types=FOUR, items=None, **values):
	participants = [{"participant_name": f"代表{i}", "participant_type": t} for i, t in enumerate(types, 1)]
	participants += [
		{"participant_name": "居民甲", "participant_type": "Resident"},
		{
			"participant_name": "街道联络员",
			"participant_type": "Other",
			"attendance": "Attending Without Vote",
		},
	]
	return frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"title": "关于小区加装电梯和停车管理的议事协商会",
			"community": community,
			"convenor": "社区书记",
			"recorder": "社区工作人员",
			"participants": participants,
			"agenda_items": items
			if items is not None
			else [{"issue": "小区停车难", "decision": "划定临时停车位，由物业负责管理", "votes_for": 3}],
			**values,
		}
	).insert()


def test_the_workflow_is_seeded():
	workflow = frappe.get_doc("Workflow", "Community Consultation")
	assert workflow.document_type == DOCTYPE and workflow.is_active
	assert "Pending Party Review" in {s.state for s in workflow.states}


def test_the_form_lists_the_missing_participant_types(cc):
	doc = consultation(cc.community, types=("Social Worker", "Volunteer"))
	assert doc.missing_participant_types.split("\n") == ["Social Organization", "Charity Resource"]


def test_completing_requires_the_four_participant_types(cc):
	doc = consultation(cc.community, types=("Social Worker", "Volunteer", "Social Organization"))
	with as_user(cc.secretary), pytest.raises(frappe.ValidationError, match="Charity Resource"):
		apply_workflow(frappe.get_doc(DOCTYPE, doc.name).as_dict(), "Complete Consultation")
	assert frappe.db.get_value(DOCTYPE, doc.name, "docstatus") == 0


def test_an_administrator_changes_the_required_types_in_wuse_settings(cc):
	settings = frappe.get_doc("Wuse Settings")
	settings.consultation_required_participant_types = "Social Worker\nVolunteer"
	settings.save()
	doc = consultation(cc.community, types=("Social Worker", "Volunteer"))
	assert not doc.missing_participant_types
	with as_user(cc.secretary):
		done = apply_workflow(frappe.get_doc(DOCTYPE, doc.name).as_dict(), "Complete Consultation")
	assert done.docstatus == 1 and done.workflow_state == "Completed"
	settings.consultation_required_participant_types = "Mayor"
	with pytest.raises(frappe.ValidationError, match="not a participant type"):
		settings.save()


def test_votes_are_validated_against_the_participants_present(cc):
	# four types + one resident present; the attendee without a vote does not count
	with pytest.raises(frappe.ValidationError, match="6 votes recorded but only 5"):
		consultation(
			cc.community,
			items=[{"issue": "垃圾分类", "decision": "试点", "votes_for": 4, "votes_against": 2}],
		)
	with pytest.raises(frappe.ValidationError, match="not negative"):
		consultation(cc.community, items=[{"issue": "垃圾分类", "votes_for": -1}])
	assert consultation(cc.community, items=[{"issue": "垃圾分类", "votes_for": 3, "votes_abstain": 2}]).name


MAJOR = {"issue": "老旧小区加装电梯", "decision": "同意申报加装电梯项目", "is_major": 1, "votes_for": 5}


def test_a_major_item_cannot_skip_the_party_review(cc):
	doc = consultation(cc.community, items=[dict(MAJOR)])
	with as_user(cc.secretary), pytest.raises(frappe.ValidationError):
		apply_workflow(frappe.get_doc(DOCTYPE, doc.name).as_dict(), "Complete Consultation")
	with as_user(cc.staff):
		apply_workflow(frappe.get_doc(DOCTYPE, doc.name).as_dict(), "Submit for Party Review")
	with as_user(cc.secretary), pytest.raises(frappe.ValidationError, match="major matter"):
		apply_workflow(frappe.get_doc(DOCTYPE, doc.name).as_dict(), "Complete Consultation")


def test_the_party_review_is_recorded_by_the_secretary_and_then_the_decision_is_final(cc):
	doc = consultation(
		cc.community, items=[dict(MAJOR, follow_up_owner=cc.staff, follow_up_due="2026-12-31")]
	)
	with as_user(cc.staff):
		staff_doc = frappe.get_doc(DOCTYPE, doc.name)
		staff_doc.agenda_items[0].party_review_opinion = "同意"
		with pytest.raises(frappe.PermissionError):
			staff_doc.save()
		apply_workflow(frappe.get_doc(DOCTYPE, doc.name).as_dict(), "Submit for Party Review")
	with as_user(cc.secretary):
		review = frappe.get_doc(DOCTYPE, doc.name)
		review.agenda_items[0].party_review_opinion = "经社区党委会研究，同意实施"
		review.save()
		assert review.agenda_items[0].party_reviewed_by == cc.secretary
		done = apply_workflow(frappe.get_doc(DOCTYPE, doc.name).as_dict(), "Complete Consultation")
	assert done.docstatus == 1
	todo = frappe.get_doc(
		"ToDo", frappe.db.get_value("Consultation Agenda Item", done.agenda_items[0].name, "todo")
	)
	assert (
		todo.allocated_to == cc.staff and todo.reference_name == doc.name and str(todo.date) == "2026-12-31"
	)


def test_decisions_without_a_major_item_complete_directly_and_create_follow_ups(cc):
	doc = consultation(
		cc.community,
		items=[
			{"issue": "楼道堆物", "decision": "一周内清理", "follow_up_owner": cc.staff},
			{"issue": "下次再议"},
		],
	)
	with as_user(cc.secretary):
		done = apply_workflow(frappe.get_doc(DOCTYPE, doc.name).as_dict(), "Complete Consultation")
	todos = frappe.get_all(
		"ToDo", {"reference_type": DOCTYPE, "reference_name": done.name}, pluck="allocated_to"
	)
	assert todos == [cc.staff]


# --- the minutes PDF (same checks as the other GB/T 9704 formats) -----------------------------------------


@pytest.fixture(scope="module")
def minutes_pdf(frappe_site) -> bytes:
	frappe.db.rollback()
	frappe.set_user("Administrator")
	with pytest.MonkeyPatch.context() as patch:
		patch.setattr(frappe.db, "commit", lambda *args, **kwargs: None)
		try:
			community = make_community("朝阳社区（测试）")
			items = [
				dict(
					MAJOR, party_review_opinion="经社区党委会研究，同意实施", responsible_party="社区居委会"
				),
				{
					"issue": "小区停车难",
					"decision": "划定临时停车位，由物业负责管理",
					"votes_for": 4,
					"votes_abstain": 1,
				},
			]
			doc = consultation(community, items=items, consultation_date="2026-11-20", venue="朝阳社区议事厅")
			doc.submit()
			pdf = render_print(DOCTYPE, doc.name, MINUTES)
			save_page_image(pdf, "consultation-minutes-1.png")
		finally:
			frappe.db.rollback()
			frappe.set_user("Administrator")
	return pdf


@pytest.fixture(scope="module")
def minutes_pages(minutes_pdf):
	return read_pdf(minutes_pdf)


def test_minutes_pdf_is_a4_with_the_minutes_layout(minutes_pages):
	for page in minutes_pages:
		assert abs(page.width - 595) <= 1 and abs(page.height - 842) <= 1
	text = "".join(page.compact for page in minutes_pages)
	assert "议事协商纪要" in text and "关于小区加装电梯" in text
	assert "出席：代表1" in text and "列席：街道联络员" in text
	assert "2026年11月20日" in text and "朝阳社区议事厅" in text
	assert "（一）老旧小区加装电梯。" in text and "（二）小区停车难。" in text
	assert "经社区党组织研究" in text and "同意4票，反对0票，弃权1票" in text
	assert "草稿" not in text


def test_minutes_pdf_uses_cjk_fonts_and_has_no_missing_glyphs(minutes_pdf, minutes_pages):
	assert "\ufffd" not in "".join(page.text for page in minutes_pages)
	fonts = pdf_fonts(minutes_pdf)
	assert fonts and all(font.startswith(("Fandol", "NotoSerifCJK", "NotoSansCJK")) for font in fonts), fonts


def test_minutes_pdf_text_block_starts_at_28_mm_and_page_numbers_show(minutes_pages):
	body = [
		w
		for page in minutes_pages
		for w in page.words
		if 14 <= w.y_max - w.y_min <= 18 and w.y_max < 262 * PT_PER_MM
	]
	left = min(word.x_min for word in body)
	assert abs(left - 28 * PT_PER_MM) <= 2 * PT_PER_MM, left
	assert max(word.x_max for word in body) <= (28 + 156) * PT_PER_MM + 2 * PT_PER_MM
	for number, page in enumerate(minutes_pages, 1):
		footer = "".join(
			w.text for w in sorted(page.words, key=lambda w: w.x_min) if w.y_min > 262 * PT_PER_MM
		)
		folio = FOLIO.search(footer)
		assert folio and folio.group(1) == str(number), footer


def test_minutes_body_lines_follow_the_grid(minutes_pages):
	page = minutes_pages[0]
	tops = sorted(
		{round(w.y_min) for w in page.words if 14 <= w.y_max - w.y_min <= 18 and w.y_max < 262 * PT_PER_MM}
	)
	gaps = [b - a for a, b in itertools.pairwise(tops) if b - a > 5]
	pitch = 225 / 22 * PT_PER_MM
	assert gaps and all(abs(gap / pitch - round(gap / pitch)) < 0.15 for gap in gaps), gaps
