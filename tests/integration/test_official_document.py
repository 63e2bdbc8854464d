"""Official Document (公文): the issuing workflow, gap-free numbering and the GB/T 9704 PDF."""

from __future__ import annotations

import re

import frappe
import pytest
from factories import make_user
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from official_documents import (
	PT_PER_MM,
	Office,
	as_user,
	compact,
	make_golden_document,
	pdf_fonts,
	read_pdf,
	render_pdf,
	unique_series,
)

from wuse_app.documents import demo
from wuse_app.documents.doctype.official_document.official_document import OfficialDocument
from wuse_app.setup.roles import (
	COMMUNITY_SECRETARY,
	COMMUNITY_STAFF,
	LEADERSHIP_MEMBER,
	SUBDISTRICT_REVIEWER,
	WUSE_ADMINISTRATOR,
)

DOCTYPE = "Official Document"
WORKFLOW = "Official Document Issuing"
FOLIO = re.compile(r"—\s*(\d+)\s*—")


@pytest.fixture
def office() -> Office:
	return Office.make()


# The workflow --------------------------------------------------------------------------------------
def test_workflow_is_seeded_with_review_and_no_self_issue():
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	assert workflow.is_active and workflow.document_type == DOCTYPE
	assert not workflow.override_status  # 待审核 / 已签发 is the status shown, not 草稿 / 已提交
	states = {row.state: row.doc_status for row in workflow.states}
	assert states == {"Draft": "0", "Pending Review": "0", "Issued": "1", "Revoked": "2"}
	transitions = {(row.state, row.action): row for row in workflow.transitions}
	issue = transitions[("Pending Review", "Issue Document")]
	assert issue.next_state == "Issued" and issue.allowed == SUBDISTRICT_REVIEWER
	assert not issue.allow_self_approval
	assert transitions[("Pending Review", "Return for Revision")].next_state == "Draft"
	assert transitions[("Draft", "Submit for Review")].allowed == WUSE_ADMINISTRATOR


def test_seeding_again_keeps_an_administrators_changes():
	from wuse_app.workflows import ensure_default_workflows

	frappe.db.set_value("Workflow", WORKFLOW, "send_email_alert", 1)
	ensure_default_workflows()
	assert frappe.db.get_value("Workflow", WORKFLOW, "send_email_alert") == 1


def test_patch_shows_the_state_as_status_only_on_workflows_nobody_edited():
	from wuse_app.patches.v0_1 import show_workflow_state_as_status as patch

	creation = frappe.db.get_value("Workflow", WORKFLOW, "creation")
	frappe.db.set_value(
		"Workflow", WORKFLOW, {"override_status": 1, "modified": creation}, update_modified=False
	)
	patch.execute()
	assert frappe.db.get_value("Workflow", WORKFLOW, "override_status") == 0, (
		"an untouched workflow is updated"
	)

	frappe.db.set_value("Workflow", WORKFLOW, "override_status", 1)  # an administrator's choice
	patch.execute()
	assert frappe.db.get_value("Workflow", WORKFLOW, "override_status") == 1, "an edited workflow is kept"


def test_a_new_document_is_a_draft_without_number(office):
	doc = office.draft(document_date="2023-03-01")
	assert doc.workflow_state == "Draft"
	assert doc.docstatus == 0
	assert not doc.document_number and not doc.sequence_number
	assert doc.year == 2023, "the year defaults to the year of the document date"
	assert doc.signing_organ == demo.ISSUING_ORGAN, "the signature defaults to the issuing organ"
	assert doc.name.startswith("OD-")


def test_review_and_issue_assigns_the_number_and_submits(office):
	doc = office.draft()
	doc = office.submit_for_review(doc)
	assert doc.workflow_state == "Pending Review" and not doc.document_number
	doc = office.issue(doc)
	doc.reload()
	assert doc.workflow_state == "Issued"
	assert doc.docstatus == 1
	assert doc.sequence_number == 1
	assert doc.document_number == f"{doc.document_series}〔2022〕1号"
	assert doc.issued_by == office.reviewer and doc.issued_on


def test_drafter_role_cannot_issue(office):
	doc = office.submit_for_review(office.draft())
	with as_user(office.drafter), pytest.raises(WorkflowTransitionError):
		apply_workflow(doc.as_dict(), "Issue Document")


@pytest.mark.parametrize("role", [COMMUNITY_STAFF, COMMUNITY_SECRETARY, LEADERSHIP_MEMBER])
def test_other_roles_can_read_and_print_but_not_change_or_issue(office, role):
	doc = office.submit_for_review(office.draft())
	user = make_user(role)
	for ptype in ("read", "print"):
		assert frappe.has_permission(DOCTYPE, ptype, doc=doc.name, user=user)
	for ptype in ("write", "create", "submit", "delete"):
		assert not frappe.has_permission(DOCTYPE, ptype, doc=doc.name, user=user)
	with as_user(user), pytest.raises((WorkflowTransitionError, frappe.PermissionError)):
		apply_workflow(doc.as_dict(), "Issue Document")


def test_reviewer_cannot_create_documents():
	reviewer = make_user(SUBDISTRICT_REVIEWER)
	assert not frappe.has_permission(DOCTYPE, "create", user=reviewer)
	assert frappe.has_permission(DOCTYPE, "submit", user=reviewer)


def test_nobody_issues_a_document_they_drafted():
	both = make_user(WUSE_ADMINISTRATOR, SUBDISTRICT_REVIEWER)
	office = Office(drafter=both, reviewer=both)
	doc = office.submit_for_review(office.draft())
	with as_user(both), pytest.raises(frappe.ValidationError, match="Self approval"):
		apply_workflow(doc.as_dict(), "Issue Document")


def test_self_issue_is_refused_by_the_server_without_the_workflow_buttons():
	"""Setting the state by hand (API, data import) hits the controller's own check."""
	both = make_user(WUSE_ADMINISTRATOR, SUBDISTRICT_REVIEWER)
	office = Office(drafter=both, reviewer=both)
	doc = office.submit_for_review(office.draft())
	with as_user(both), pytest.raises(frappe.ValidationError, match="another reviewer must issue"):
		doc = frappe.get_doc(DOCTYPE, doc.name)
		doc.workflow_state = "Issued"
		doc.submit()
	assert frappe.db.get_value(DOCTYPE, doc.name, "docstatus") == 0


def test_a_draft_cannot_be_issued_without_review(office):
	doc = office.draft()
	with as_user(office.reviewer), pytest.raises(frappe.ValidationError):
		doc = frappe.get_doc(DOCTYPE, doc.name)
		doc.submit()
	assert frappe.db.get_value(DOCTYPE, doc.name, ["docstatus", "document_number"]) == (0, None)


def test_return_to_draft_needs_a_reason(office):
	doc = office.submit_for_review(office.draft())
	with as_user(office.reviewer), pytest.raises(frappe.ValidationError, match="reason for return"):
		apply_workflow(doc.as_dict(), "Return for Revision")
	assert frappe.db.get_value(DOCTYPE, doc.name, "workflow_state") == "Pending Review"


def test_return_with_a_reason_goes_back_to_draft_and_is_noted(office):
	doc = office.submit_for_review(office.draft())
	with as_user(office.reviewer):
		doc = frappe.get_doc(DOCTYPE, doc.name)
		doc.return_reason = "主送机关不全"
		doc.save()
		doc = apply_workflow(doc.as_dict(), "Return for Revision")
	assert doc.workflow_state == "Draft"
	comments = frappe.get_all(
		"Comment", filters={"reference_name": doc.name, "comment_type": "Comment"}, pluck="content"
	)
	assert any("主送机关不全" in comment for comment in comments)
	# Submitting it again for review clears the old reason.
	doc = office.submit_for_review(doc)
	assert doc.workflow_state == "Pending Review" and not doc.return_reason


def test_issued_document_refuses_changes(office):
	doc = office.issue(office.draft())
	doc = frappe.get_doc(DOCTYPE, doc.name)
	doc.title = "改过的标题"
	with pytest.raises(frappe.ValidationError):
		doc.save()
	assert frappe.db.get_value(DOCTYPE, doc.name, "title") != "改过的标题"


def test_issued_document_refuses_changes_even_to_fields_allowed_on_submit(office, monkeypatch):
	"""The lock is the controller's, not only Frappe's allow_on_submit (which a customisation may set)."""
	doc = office.issue(office.draft())
	for fieldname in ("title", "cc"):
		monkeypatch.setattr(frappe.get_meta(DOCTYPE).get_field(fieldname), "allow_on_submit", 1)
	doc = frappe.get_doc(DOCTYPE, doc.name)
	doc.cc = "区民政局"
	with pytest.raises(frappe.ValidationError, match="Issued documents cannot be changed"):
		doc.save()


def test_revoking_keeps_the_number_used(office):
	doc = office.issue(office.draft())
	with as_user(office.drafter):
		doc = apply_workflow(doc.as_dict(), "Revoke")
	assert doc.docstatus == 2 and doc.workflow_state == "Revoked"
	again = office.issue(office.draft(document_series=doc.document_series))
	assert again.sequence_number == 2


# Numbering -----------------------------------------------------------------------------------------
def test_numbers_are_gap_free_per_series_and_year_when_interleaved(office):
	series_a, series_b = unique_series(), unique_series()
	issued = [
		office.issue(office.draft(document_series=series, document_date=date))
		for series, date in [
			(series_a, "2022-03-01"),
			(series_b, "2022-03-02"),
			(series_a, "2022-03-03"),
			(series_a, "2023-01-05"),
			(series_b, "2022-03-04"),
			(series_a, "2022-03-05"),
		]
	]
	numbers = [doc.document_number for doc in issued]
	assert numbers == [
		f"{series_a}〔2022〕1号",
		f"{series_b}〔2022〕1号",
		f"{series_a}〔2022〕2号",
		f"{series_a}〔2023〕1号",
		f"{series_b}〔2022〕2号",
		f"{series_a}〔2022〕3号",
	]


def test_a_failed_issue_leaves_no_gap(office):
	series = unique_series()
	first = office.issue(office.draft(document_series=series))
	failing = office.submit_for_review(office.draft(document_series=series))

	def fail(self):
		raise frappe.ValidationError("printing office unavailable")

	frappe.db.savepoint("issue")
	with pytest.MonkeyPatch.context() as patch:
		patch.setattr(OfficialDocument, "on_submit", fail, raising=False)
		with as_user(office.reviewer), pytest.raises(frappe.ValidationError, match="unavailable"):
			apply_workflow(failing.as_dict(), "Issue Document")
	frappe.db.rollback(save_point="issue")  # what a failed request does with its transaction

	second = office.issue(frappe.get_doc(DOCTYPE, failing.name))
	assert (first.sequence_number, second.sequence_number) == (1, 2)
	assert second.document_number == f"{series}〔2022〕2号"


def test_document_number_is_unique_in_the_database():
	indexes = frappe.db.sql(
		"show index from `tabOfficial Document` where Column_name = %s and Non_unique = 0",
		("document_number",),
		as_dict=True,
	)
	assert indexes


def test_a_number_given_outside_the_app_is_used_and_skipped_later(office):
	series = unique_series()
	manual = office.draft(document_series=series, manual_sequence_number=2)
	assert office.issue(manual).document_number == f"{series}〔2022〕2号"
	numbers = [office.issue(office.draft(document_series=series)).sequence_number for _ in range(2)]
	assert numbers == [1, 3]


def test_a_number_given_outside_the_app_cannot_be_used_twice(office):
	series = unique_series()
	office.issue(office.draft(document_series=series))
	duplicate = office.draft(document_series=series, manual_sequence_number=1)
	with pytest.raises(frappe.ValidationError, match="already been used"):
		office.issue(duplicate)


def test_only_an_administrator_sets_a_number_given_outside_the_app(office):
	doc = office.submit_for_review(office.draft())
	with as_user(office.reviewer):
		doc = frappe.get_doc(DOCTYPE, doc.name)
		doc.manual_sequence_number = 7
		doc.save()
	assert not frappe.db.get_value(DOCTYPE, doc.name, "manual_sequence_number")


@pytest.mark.parametrize("series", ["正阳办事处发〔", "正阳 办事处发", "【正阳】"])
def test_series_with_brackets_or_spaces_is_refused(office, series):
	with pytest.raises(frappe.ValidationError):
		office.draft(document_series=series)


def test_errors_are_translated_to_chinese(office):
	doc = office.submit_for_review(office.draft())
	frappe.local.lang = "zh"
	with as_user(office.reviewer), pytest.raises(frappe.ValidationError) as info:
		apply_workflow(doc.as_dict(), "Return for Revision")
	assert "退回" in str(info.value), str(info.value)


# The GB/T 9704 PDF ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def golden_pdf(frappe_site) -> bytes:
	"""The seed document, issued and printed once for all PDF tests, then rolled back."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	with pytest.MonkeyPatch.context() as patch:
		patch.setattr(frappe.db, "commit", lambda *args, **kwargs: None)
		try:
			doc = make_golden_document(Office.make())
			assert doc.document_number == demo.DOCUMENT_NUMBER
			pdf = render_pdf(doc.name)
		finally:
			frappe.db.rollback()
			frappe.set_user("Administrator")
	return pdf


@pytest.fixture(scope="module")
def golden_pages(golden_pdf):
	return read_pdf(golden_pdf)


def test_pdf_pages_are_a4(golden_pages):
	assert len(golden_pages) >= 2
	for page in golden_pages:
		assert abs(page.width - 595) <= 1 and abs(page.height - 842) <= 1


def test_pdf_text_has_number_title_and_date(golden_pages):
	first = golden_pages[0].compact
	assert "黔江区人民政府正阳街道办事处文件" in first
	assert demo.DOCUMENT_NUMBER in first, "the number keeps its 〔〕"
	assert compact(demo.TITLE) in first
	assert compact(demo.MAIN_RECIPIENTS) + "：" in first
	assert "2022年8月29日" in first and "2022年08月29日" not in first
	assert "（此件公开发布）" in first
	assert "草稿" not in first, "an issued document has no draft watermark"


def test_pdf_has_no_missing_glyphs(golden_pdf, golden_pages):
	text = "".join(page.text for page in golden_pages)
	assert "\ufffd" not in text
	fonts = pdf_fonts(golden_pdf)
	assert fonts
	unexpected = [font for font in fonts if not font.startswith(("Fandol", "NotoSerifCJK", "NotoSansCJK"))]
	assert not unexpected, f"characters fell back to a non-CJK font: {unexpected}"


def test_pdf_text_block_is_at_28_mm_and_37_mm(golden_pages):
	"""Left and right: the body lines, justified to the 156 mm block. Top: the top of the first grid line.

	The top edge of the 版心 is where the characters of a page's first line start (the top of their
	em box: pdftotext's box for the 仿宋/黑体/楷体 faces used). It is measured on continuation pages
	that open with a 3号 line; page 1 does not show it: its first text, the red header, lies 35 mm lower.
	"""
	body = [word for page in golden_pages for word in page.words if _is_body(word, page)]
	left = min(word.x_min for word in body)
	assert abs(left - 28 * PT_PER_MM) <= 2 * PT_PER_MM, left
	right = max(word.x_max for word in body)
	assert abs(right - (28 + 156) * PT_PER_MM) <= 2 * PT_PER_MM, right
	checked = 0
	for page in golden_pages[1:]:
		first = min(page.words, key=lambda word: word.y_min)
		if _is_body(first, page):
			assert abs(first.y_min - 37 * PT_PER_MM) <= 2 * PT_PER_MM, (first.text, first.y_min)
			checked += 1
	assert checked >= 3


def test_pdf_lines_follow_the_22_line_grid(golden_pages):
	full = max(golden_pages[1:-1], key=lambda page: len([w for w in page.words if _is_body(w, page)]))
	tops: list[float] = []
	for top in sorted(word.y_min for word in full.words if _is_body(word, full)):
		if not tops or top - tops[-1] > 5:
			tops.append(top)
	assert len(tops) == 22
	pitch = (tops[-1] - tops[0]) / 21
	assert abs(pitch - 225 / 22 * PT_PER_MM) < 0.5, pitch
	assert tops[-1] + pitch <= (37 + 225) * PT_PER_MM + 2, "the 22nd line box ends at the foot of the 版心"


def test_pdf_page_numbers_alternate_outside(golden_pages):
	"""— 1 — in 4号, its 一字线 7 mm below the 版心; odd pages right, even pages left (空一字)."""
	for number, page in enumerate(golden_pages, 1):
		words = sorted((w for w in page.words if w.y_min > 262 * PT_PER_MM), key=lambda w: w.x_min)
		folio = FOLIO.search("".join(word.text for word in words))
		assert folio and folio.group(1) == str(number), [w.text for w in words]
		left, right = words[0].x_min, words[-1].x_max
		middle = (words[0].y_min + words[0].y_max) / 2
		assert abs(middle - (37 + 225 + 7) * PT_PER_MM) <= 3 * PT_PER_MM, middle
		one_character = 14 * 25.4 / 72
		if number % 2:
			assert abs(right - (184 - one_character) * PT_PER_MM) <= 2 * PT_PER_MM, right
		else:
			assert abs(left - (28 + one_character) * PT_PER_MM) <= 2 * PT_PER_MM, left


def test_golden_seed_document_is_reproduced(golden_pages):
	"""Every paragraph of the seed, in order, and the 版记 at the foot of the last page."""
	text = "".join(FOLIO.sub("", page.compact) for page in golden_pages)
	position = 0
	for paragraph in (*demo.NOTICE, demo.ENCLOSURE_TITLE, *demo.ENCLOSURE):
		found = text.find(compact(paragraph), position)
		assert found >= 0, paragraph[:30]
		position = found
	last = golden_pages[-1]
	assert "2022年8月29日印发" in last.compact
	printing = next(word for word in last.words if "印发" in word.text)
	assert printing.y_max > 250 * PT_PER_MM, "the 版记 sits at the foot of the last page"


def _is_body(word, page) -> bool:
	"""A word of 3号 text inside the 版心 (not a title, the red header, the page number)."""
	height = word.y_max - word.y_min
	return 14 <= height <= 18 and word.y_max < 262 * PT_PER_MM and not FOLIO.search(word.text)
