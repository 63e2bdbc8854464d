"""Builders for venture-call tests: a funded call, eligible organisations, proposals, judges and scores."""

from __future__ import annotations

import datetime

import frappe
from factories import (
	make_community,
	make_donation,
	make_fund,
	make_organization,
	make_portal_user,
	make_user,
	unique,
)
from frappe.model.workflow import apply_workflow

from wuse_app.domain import venture as rules
from wuse_app.domain.uscc import organization_code_check_char, uscc_check_char
from wuse_app.workflows import venture_call as wf

RUBRIC = [("需求迫切性", 40), ("方案可行性", 35), ("预算合理性", 25)]


def make_call(
	fund: str | None = None, pool: float = 100000, ceiling: float = 50000, money: float = 200000, **values
):
	"""A draft call on a fund holding `money` (made when no fund is given); returns the doc."""
	if fund is None:
		fund = make_fund()
		make_donation(fund, amount=money)
	data = {
		"doctype": "Venture Call",
		"call_title": values.pop("call_title", None) or unique("微创投大赛"),
		"fund": fund,
		"pool_amount": pool,
		"project_ceiling": ceiling,
		"submission_deadline": str(datetime.datetime.now() + datetime.timedelta(days=7)),
		"judges_per_proposal": 2,
		"tie_rule": rules.TIE_LOWER_AMOUNT,
		"criteria": [{"criterion": c, "weight": w} for c, w in RUBRIC],
		**values,
	}
	return frappe.get_doc(data).insert()


def act(doc, action: str, user: str | None = None):
	"""Apply a workflow action as `user` (default: the current user); returns the reloaded doc."""
	previous = frappe.session.user
	if user:
		frappe.set_user(user)
	try:
		doc = apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
	finally:
		frappe.set_user(previous)
	return frappe.get_doc(doc.doctype, doc.name)


def publish(call):
	return act(call, wf.PUBLISH)


def pass_deadline(call) -> None:
	frappe.db.set_value(
		"Venture Call",
		call.name,
		"submission_deadline",
		str(datetime.datetime.now() - datetime.timedelta(minutes=1)),
		update_modified=False,
	)


def registered_org(community: str | None = None, **values) -> str:
	"""A registered social service agency (52…) with a valid unified social credit code."""
	org = frappe.generate_hash(length=8).upper().translate(str.maketrans("IOZSV", "12345"))
	body = "52" + "500114" + org + organization_code_check_char(org)
	values = {"organization_type": "Social Service Agency", "registration_status": "Registered", **values}
	return make_organization(community=community, uscc=body + uscc_check_char(body), **values)


def eligible_org(community: str | None = None, **values) -> str:
	return make_organization(community=community, **values)


def proposal_data(call: str, organization: str, community: str, amount: float = 30000, **values) -> dict:
	today = datetime.date.today()
	return {
		"doctype": "Venture Proposal",
		"venture_call": call,
		"applicant_organization": organization,
		"project_title": values.pop("project_title", None) or unique("邻里互助项目"),
		"category": "Elderly Care",
		"community": community,
		"needs": "高龄独居老人缺少日常照看",
		"objectives": "组织志愿者结对探访",
		"beneficiary_count": 50,
		"start_date": str(today + datetime.timedelta(days=30)),
		"end_date": str(today + datetime.timedelta(days=200)),
		"budget_items": [{"description": "活动物资", "amount": amount}],
		"milestones": [{"title": "启动", "due_date": str(today + datetime.timedelta(days=40))}],
		**values,
	}


def make_proposal(
	call: str,
	organization: str | None = None,
	community: str | None = None,
	amount=30000,
	user=None,
	**values,
):
	community = community or make_community()
	organization = organization or eligible_org(community)
	previous = frappe.session.user
	if user:
		frappe.set_user(user)
	try:
		return frappe.get_doc(proposal_data(call, organization, community, amount, **values)).insert()
	finally:
		frappe.set_user(previous)


def make_judge(**values) -> str:
	return make_user("Venture Judge", **values)


def assign(proposal: str, judge: str):
	return frappe.get_doc({"doctype": "Venture Score", "proposal": proposal, "judge": judge}).insert()


def score(sheet, values: dict | list, submit: bool = True):
	"""The judge fills in and (by default) submits the sheet; `values` by criterion or in rubric order."""
	previous = frappe.session.user
	frappe.set_user(sheet.judge)
	try:
		doc = frappe.get_doc("Venture Score", sheet.name)
		if isinstance(values, list):
			values = dict(zip([c for c, _w in RUBRIC], values, strict=True))
		for row in doc.scores:
			row.score = values.get(row.criterion)
			row.comment = "意见"
		doc.save()
		if submit:
			doc.submit()
		return doc
	finally:
		frappe.set_user(previous)


def new_reviewer() -> str:
	return make_user("Sub-district Reviewer")


def portal_applicant(community: str | None = None):
	community = community or make_community()
	org = eligible_org(community)
	return community, org, make_portal_user(org)


def scored_call(pool=100000, amounts=(40000, 30000), marks=((90, 80), (70, 60)), **values):
	"""A call past its deadline whose proposals are each scored by two judges; returns (call, proposals, sheets)."""
	call = publish(make_call(pool=pool, **values))
	proposals = [make_proposal(call.name, amount=a) for a in amounts]
	judges = [make_judge(), make_judge()]
	sheets = [[assign(p.name, j) for j in judges] for p in proposals]
	pass_deadline(call)
	call = act(call, wf.CLOSE_SUBMISSIONS)
	for row, proposal_marks in zip(sheets, marks, strict=True):
		for sheet, mark in zip(row, proposal_marks, strict=True):
			score(sheet, [mark, mark, mark])
	return call, proposals, sheets


# --- committed worlds (HTTP and multi-process tests) ----------------------------------------------------


def _delete_traces(names: list[str]) -> None:
	for doctype, child in (
		("Workflow Action", "Workflow Action Permitted Role"),
		("Email Queue", "Email Queue Recipient"),
	):
		found = frappe.get_all(doctype, filters={"reference_name": ["in", names]}, pluck="name")
		if found:
			frappe.db.delete(child, {"parent": ["in", found]})
	for doctype, field in (
		("Workflow Action", "reference_name"),
		("Comment", "reference_name"),
		("Version", "docname"),
		("Notification Log", "document_name"),
		("Email Queue", "reference_name"),
	):
		frappe.db.delete(doctype, {field: ["in", names]})


def purge(calls: list[str], users: list[str] = (), communities: list[str] = ()) -> None:
	"""Delete, then commit, everything committed venture tests made: the calls with their proposals,
	score sheets and awards (projects, allocations), the calls' funds with their donations and donors,
	the communities' organisations, the users and the communities. Submitted records cannot be deleted
	through their controllers; the rows are removed directly."""
	from projects_support import remove_projects

	frappe.db.rollback()
	frappe.set_user("Administrator")
	calls = [c for c in calls if c]
	proposals = frappe.get_all("Venture Proposal", filters={"venture_call": ["in", calls]}, pluck="name")
	sheets = frappe.get_all("Venture Score", filters={"venture_call": ["in", calls]}, pluck="name")
	projects = [
		p
		for p in frappe.get_all(
			"Venture Proposal", filters={"name": ["in", proposals or ["-"]]}, pluck="service_project"
		)
		if p
	]
	funds = frappe.get_all("Venture Call", filters={"name": ["in", calls]}, pluck="fund")
	allocations = frappe.get_all("Fund Allocation", filters={"fund": ["in", funds or ["-"]]}, pluck="name")
	donations = frappe.get_all("Donation", filters={"fund": ["in", funds or ["-"]]}, fields=["name", "donor"])
	custodians = frappe.get_all(
		"Community Fund", filters={"name": ["in", funds or ["-"]]}, pluck="custodian_organization"
	)
	remove_projects(projects)
	for doctype, names in (
		("Venture Score", sheets),
		("Venture Proposal", proposals),
		("Venture Call", calls),
		("Fund Allocation", allocations),
		("Donation", [d.name for d in donations]),
		("Donor", [d.donor for d in donations]),
		("Community Fund", funds),
	):
		if not names:
			continue
		for table in frappe.get_meta(doctype).get_table_fields():
			frappe.db.delete(table.options, {"parent": ["in", names], "parenttype": doctype})
		_delete_traces(names)
		frappe.db.delete(doctype, {"name": ["in", names]})
	organizations = set(custodians) | set(
		frappe.get_all(
			"Social Organization", filters={"community": ["in", list(communities) or ["-"]]}, pluck="name"
		)
	)
	for organization in organizations:
		if organization and frappe.db.exists("Social Organization", organization):
			frappe.delete_doc("Social Organization", organization, force=True, ignore_permissions=True)
	for user in set(users):
		frappe.db.delete("User Permission", {"user": user})
		frappe.db.delete("Notification Log", {"for_user": user})
		if frappe.db.exists("User", user):
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	sub_districts = frappe.get_all(
		"Community", filters={"name": ["in", list(communities) or ["-"]]}, pluck="sub_district"
	)
	for community in communities:
		frappe.delete_doc("Community", community, force=True, ignore_permissions=True)
	frappe.db.delete("Sub District", {"name": ["in", [s for s in sub_districts if s] or ["-"]]})
	frappe.db.commit()
