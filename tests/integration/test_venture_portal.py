"""Venture calls on the portal and on paper: the proposal form, the judges' page, the GB/T 9704 prints."""

from __future__ import annotations

import frappe
import pytest
from official_documents import pdf_fonts, read_pdf
from print_support import render_print, save_page_image
from venture_support import (
	act,
	assign,
	make_call,
	make_judge,
	make_proposal,
	new_reviewer,
	pass_deadline,
	portal_applicant,
	publish,
	scored_call,
)

from wuse_app.domain import venture as rules
from wuse_app.venture import api, portal
from wuse_app.venture.web_form.venture_proposal import venture_proposal as web_form
from wuse_app.workflows import venture_call as wf

# --- the proposal web form ------------------------------------------------------------------------------


def test_the_proposal_form_offers_open_calls_only_and_reuses_the_project_application_fields():
	form = frappe.get_doc("Web Form", "venture-proposal")
	fields = {f.fieldname: f.options for f in form.web_form_fields}
	assert fields["budget_items"] == "Service Project Budget Item"
	assert fields["milestones"] == "Service Project Milestone"
	assert {"needs", "objectives", "venture_call", "applicant_organization"} <= set(fields)
	assert form.published and form.login_required and form.apply_document_permissions

	open_call = publish(make_call(call_title="<b>开放</b>大赛"))
	make_call()  # a draft
	closed = publish(make_call())
	pass_deadline(closed)
	offered = {c["value"]: c["label"] for c in web_form.open_calls()}
	assert open_call.name in offered and closed.name not in offered
	assert all(frappe.db.get_value("Venture Call", n, "status") == rules.OPEN for n in offered)
	assert "&lt;b&gt;开放&lt;/b&gt;大赛" in offered[open_call.name]


def test_the_form_offers_withdrawal_before_the_deadline_and_locks_after_it():
	call = publish(make_call())
	community, org, user = portal_applicant()
	proposal = make_proposal(call.name, org, community, user=user)
	frappe.set_user(user)
	state = web_form.proposal_state(frappe.get_doc("Venture Proposal", proposal.name))
	assert state["editable"] and state["withdrawable"] and state["deadline"]
	frappe.set_user("Administrator")
	pass_deadline(call)
	frappe.set_user(user)
	assert not web_form.proposal_state(frappe.get_doc("Venture Proposal", proposal.name))["editable"]
	with pytest.raises(frappe.ValidationError, match="deadline"):
		api.withdraw_proposal(proposal.name)


# --- the calls page and the judges' page ----------------------------------------------------------------


def test_the_calls_page_shows_published_calls_with_their_public_terms_only():
	published = publish(make_call(notice="<p>面向社区<script>alert(1)</script>征集项目</p>"))
	draft = make_call()
	calls = {c.name: c for c in portal.published_calls()}
	assert published.name in calls and draft.name not in calls
	shown = calls[published.name]
	assert shown.open and [c.split("（")[0] for c in shown.criteria] == [
		"需求迫切性",
		"方案可行性",
		"预算合理性",
	]
	assert not {"fund", "reserved_amount", "awarded_amount", "notice"} & set(shown)
	assert shown.notice_paragraphs == [
		"面向社区<script>alert(1)</script>征集项目"
	]  # text: the page escapes it


def test_a_judge_page_shows_only_their_sheets_never_others_scores_or_conflicted_proposals():
	call = publish(make_call())
	community, org, _member = portal_applicant()
	mine, conflicted = make_proposal(call.name), make_proposal(call.name, org, community)
	judge, other = make_judge(), make_judge()
	# The judge is also registered as a member of the second applicant: detected, hidden; the first
	# applicant's proposal stays visible to them (their organisation's User Permission does not hide it).
	registry = frappe.get_doc("Social Organization", org)
	registry.append("portal_users", {"user": judge})
	registry.save()
	sheet, hidden = assign(mine.name, judge), assign(conflicted.name, judge)
	assert hidden.status == rules.CONFLICT
	theirs = assign(mine.name, other)
	pass_deadline(call)
	act(call, wf.CLOSE_SUBMISSIONS)
	frappe.set_user(other)
	api.save_scores(theirs.name, [{"criterion": "需求迫切性", "score": 77, "comment": "他人意见"}])

	frappe.set_user(judge)
	sheets = portal.my_score_sheets()
	assert [s["name"] for s in sheets] == [sheet.name]
	page = frappe.as_json(sheets)
	assert conflicted.name not in page and conflicted.project_title not in page
	assert "他人意见" not in page, page
	assert all(not row["score"] for row in sheets[0]["scores"]), sheets[0]["scores"]  # not the 77
	assert sheets[0]["can_score"] and not {"final_score", "rank", "award_amount"} & set(sheets[0]["proposal"])

	rows = [
		{"criterion": c, "score": s, "comment": "好"}
		for c, s in (("需求迫切性", 80), ("方案可行性", 70), ("预算合理性", 90))
	]
	with pytest.raises(frappe.PermissionError):
		api.save_scores(theirs.name, rows)
	with pytest.raises(frappe.ValidationError, match="must be a number"):
		api.save_scores(sheet.name, [{"criterion": "需求迫切性", "score": "很好"}])
	result = api.save_scores(sheet.name, rows, overall_comment="可行", submit=1)
	assert (result["docstatus"], result["total_score"]) == (1, 79)  # 80×40 + 70×35 + 90×25 = 7900
	with pytest.raises(frappe.PermissionError):
		api.save_scores(hidden.name, rows)


# --- print: the 公告, the results list and a judge's score sheet ---------------------------------------------


@pytest.fixture(scope="module")
def prints(frappe_site) -> dict[str, bytes]:
	"""PDFs of one awarded call: its notice, its results list and the first judge's sheet."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	with pytest.MonkeyPatch.context() as patch:
		patch.setattr(frappe.db, "commit", lambda *args, **kwargs: None)
		try:
			call, proposals, sheets = scored_call(
				call_title="2026年测试社区微创投大赛",
				issuing_organ="黔江区人民政府正阳街道办事处",
				notice="<p>为引导社会组织参与社区治理，现举办社区微创投大赛。</p>",
				marks=((91, 67), (70, 60)),
			)
			frappe.db.set_value("Venture Proposal", proposals[0].name, "project_title", "银龄互助结对探访")
			call = act(call, wf.SUBMIT_RANKING)
			call = act(call, wf.CONFIRM_RANKING, new_reviewer())
			pdfs = {
				"notice": render_print("Venture Call", call.name, "Venture Call Notice"),
				"results": render_print("Venture Call", call.name, "Venture Call Results"),
				"sheet": render_print("Venture Score", sheets[0][0].name, "Venture Score Sheet"),
			}
			save_page_image(pdfs["notice"], "venture-call-notice-1.png")
			save_page_image(pdfs["results"], "venture-call-results-1.png")
		finally:
			frappe.db.rollback()
			frappe.set_user("Administrator")
	return pdfs


def test_the_call_notice_is_a_gbt9704_document_with_the_terms(prints):
	pages = read_pdf(prints["notice"])
	assert all(abs(p.width - 595) <= 1 and abs(p.height - 842) <= 1 for p in pages)
	text = "".join(page.compact for page in pages)
	assert "黔江区人民政府正阳街道办事处" in text and "2026年测试社区微创投大赛公告" in text
	assert "资金池100,000.00元（壹拾万元整）" in text and "50,000.00元" in text
	assert "（一）需求迫切性，权重40%。" in text and "申请金额较低的项目排名在前" in text
	assert "草稿" not in text and "\ufffd" not in text
	fonts = pdf_fonts(prints["notice"])
	assert fonts and all(f.startswith(("Fandol", "NotoSerifCJK", "NotoSansCJK")) for f in fonts), fonts


def test_the_results_list_names_the_awards_in_ranking_order(prints):
	text = "".join(page.compact for page in read_pdf(prints["results"]))
	assert "2026年测试社区微创投大赛评审结果" in text and "街道审核确认" in text
	assert "1.银龄互助结对探访" in text and "最终得分" in text and "40,000.00元" in text
	assert "草稿" not in text


def test_a_score_sheet_shows_one_judges_scores_only(prints):
	text = "".join(page.compact for page in read_pdf(prints["sheet"]))
	assert "公益创投项目评审评分表" in text and "需求迫切性" in text
	assert "需求迫切性4091" in text and "需求迫切性4067" not in text  # not the other judge's marks
	assert "评审专家（签字）" in text
