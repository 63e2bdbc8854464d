"""Whitelisted methods of the 联动 loop. Each checks the caller's permission itself."""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, now_datetime, today

from wuse_app.domain import linkage as rules
from wuse_app.linkage.setup import urgency_hours
from wuse_app.utils.validation import domain_errors, throw


def _need(name: str, ptype: str = "read"):
	need = frappe.get_doc("Resident Need", name)
	need.check_permission(ptype)
	return need


# --- matching ------------------------------------------------------------------------------------


def candidate_resources(category: str, community: str, on_date) -> list[dict]:
	"""Active resources with capacity left that offer the category and cover the community.

	One indexed query: the category index of Resource Offer Category narrows the rows first; coverage
	is an indexed lookup in Resource Offer Community (or the whole-sub-district flag).
	"""
	return frappe.db.sql(
		"""
		select ro.name, ro.remaining_capacity, ro.available_from, ro.available_to, ro.weekdays,
			ro.average_rating, ro.rating_count, ro.covers_whole_subdistrict
		from `tabResource Offer Category` cat
		join `tabResource Offer` ro on ro.name = cat.parent
		where cat.category = %(category)s and cat.parenttype = 'Resource Offer'
			and ro.status = 'Active' and ro.remaining_capacity > 0
			and (ro.available_to is null or ro.available_to >= %(on)s)
			and (ro.covers_whole_subdistrict = 1 or exists (
				select 1 from `tabResource Offer Community` com
				where com.parent = ro.name and com.parenttype = 'Resource Offer' and com.community = %(community)s))
		""",
		{"category": category, "community": community, "on": on_date},
		as_dict=True,
	)


def facts_of(row, category: str, community: str) -> rules.ResourceFacts:
	return rules.ResourceFacts(
		name=row.name,
		categories=frozenset({category}),
		communities=frozenset() if row.covers_whole_subdistrict else frozenset({community}),
		remaining=rules.Decimal(str(row.remaining_capacity or 0)),
		available_from=getdate(row.available_from) if row.available_from else None,
		available_to=getdate(row.available_to) if row.available_to else None,
		weekdays=rules.parse_weekdays(row.weekdays),
		average_rating=flt(row.average_rating) if row.rating_count else None,
		rating_count=cint(row.rating_count),
	)


def suggestions_for(need, limit: int = 10) -> list[rules.Suggestion]:
	day = getdate(today())
	facts = rules.NeedFacts(need.category, need.community, cint(need.people_affected) or 1, day)
	rows = candidate_resources(need.category, need.community, day)
	return rules.rank(facts, (facts_of(r, need.category, need.community) for r in rows), day, limit)


@frappe.whitelist()
def suggest_resources(need: str, limit: int = 10) -> list[dict]:
	"""Ranked resources for a need the caller may read, with the reasons, best first."""
	doc = _need(need, "read")
	suggestions = suggestions_for(doc, min(max(cint(limit), 1), 50))
	info = (
		{
			r.name: r
			for r in frappe.get_all(
				"Resource Offer",
				filters={"name": ["in", [s.resource for s in suggestions] or [""]]},
				fields=[
					"name",
					"title",
					"provider_type",
					"provider_name",
					"community",
					"capacity_unit",
					"remaining_capacity",
				],
			)
		}
		if suggestions
		else {}
	)
	return [
		{
			"resource": s.resource,
			"title": info[s.resource].title,
			"provider": info[s.resource].provider_name,
			"provider_type": _(info[s.resource].provider_type),
			"community": info[s.resource].community,
			"unit": _(info[s.resource].capacity_unit),
			"remaining": info[s.resource].remaining_capacity,
			"score": s.score,
			"reasons": [reason.render(_) for reason in s.reasons],
		}
		for s in suggestions
		if s.resource in info
	]


@frappe.whitelist(methods=["POST"])
def accept_resource(need: str, resource: str, quantity: float) -> str:
	"""Commit part of a resource to a need (a Need Match); the capacity is taken under lock."""
	doc = _need(need, "write")
	frappe.has_permission("Need Match", "create", throw=True)
	reasons = ""
	for s in suggestions_for(doc, 50):
		if s.resource == resource:
			reasons = "; ".join(reason.render(_) for reason in s.reasons)
	match = frappe.get_doc(
		{
			"doctype": "Need Match",
			"need": need,
			"resource": resource,
			"quantity": flt(quantity),
			"reasons": reasons,
		}
	)
	match.insert()
	return match.name


# --- needs → projects ----------------------------------------------------------------------------


def _summaries(needs: list[str]) -> list[rules.NeedSummary]:
	rows = []
	for name in needs:
		doc = _need(name, "write")
		rows.append(
			rules.NeedSummary(
				doc.name,
				doc.community,
				doc.category,
				doc.status,
				cint(doc.people_affected),
				doc.description or "",
				doc.service_project,
			)
		)
	return rows


def _names(needs) -> list[str]:
	if isinstance(needs, str):
		needs = json.loads(needs) if needs.strip().startswith("[") else [needs]
	return list(dict.fromkeys(needs or []))


@frappe.whitelist()
def project_draft(needs) -> dict:
	"""The values of a Service Project draft answering the selected needs (same community and category)."""
	frappe.has_permission("Service Project", "create", throw=True)
	with domain_errors(_("Cannot make a project")):
		draft = rules.draft_project(_summaries(_names(needs)))
	project_category = frappe.db.get_value("Service Category", draft.category, "project_category") or "Other"
	return {
		"community": draft.community,
		"category": project_category,
		"beneficiary_count": draft.people_affected,
		"objectives": draft.description,
		"needs": list(draft.needs),
	}


@frappe.whitelist(methods=["POST"])
def link_needs_to_project(project: str, needs) -> list[str]:
	"""Record that the project answers the needs (the need shows its project, the project its needs)."""
	project_doc = frappe.get_doc("Service Project", project)
	project_doc.check_permission("write")
	summaries = _summaries(_names(needs))
	with domain_errors(_("Cannot link the needs")):
		draft = rules.draft_project(summaries)
	if draft.community != project_doc.community:
		throw(_("The needs are in {0}, the project in {1}.").format(draft.community, project_doc.community))
	for name in draft.needs:
		need = frappe.get_doc("Resident Need", name)
		need.service_project = project
		need.flags.server_update = True
		need.save()
	return list(draft.needs)


# --- feedback ------------------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def give_feedback(need: str, rating: int, comment: str | None = None) -> dict:
	"""满意度 1–5 and a comment, by the resident who submitted the need, once."""
	doc = frappe.get_doc("Resident Need", need)
	if not doc.resident_user or doc.resident_user != frappe.session.user:
		throw(
			_("Only the resident who submitted the need can rate the service."),
			exc=frappe.PermissionError,
			title=_("Not allowed"),
		)
	if doc.satisfaction:
		throw(_("You have already rated this service."), title=_("Not allowed"))
	with domain_errors(_("Invalid feedback")):
		doc.satisfaction, doc.feedback_comment = rules.validate_feedback(doc.status, cint(rating), comment)
	doc.feedback_on = now_datetime()
	doc.flags.server_update = True
	doc.flags.ignore_permissions = True  # checked above: the resident rates their own need
	doc.save()
	update_provider_ratings(doc.name)
	return {"satisfaction": doc.satisfaction}


def update_provider_ratings(need: str) -> None:
	"""The residents' average rating of each resource that served the need."""
	for resource in frappe.get_all(
		"Need Match", filters={"need": need, "status": ["!=", "Cancelled"]}, pluck="resource"
	):
		average, count = frappe.db.sql(
			"""select avg(n.satisfaction), count(*) from `tabResident Need` n
			where n.satisfaction > 0 and n.name in (
				select m.need from `tabNeed Match` m where m.resource = %s and m.status != 'Cancelled')""",
			resource,
		)[0]
		frappe.db.set_value(
			"Resource Offer", resource, {"average_rating": flt(average, 1), "rating_count": cint(count)}
		)


@frappe.whitelist()
def urgency_levels() -> list[str]:
	"""The urgency levels of Wuse Settings (options of the need's Urgency field)."""
	frappe.has_permission("Resident Need", "read", throw=True)
	return list(urgency_hours())
