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
