"""Emergency mode (应急): in an emergency the community's 两委 (led by the Community Secretary) direct all
the resources and people of the area (seed 三(六)). While a Community Emergency is active:

- needs reported in its communities are marked as emergency needs and come first on its board;
- the secretary calls out volunteers with matching skills in the communities (in-app + email); they accept
  or decline in the portal (/emergency_tasks);
- the secretary assigns resources of the area at once: no category match is required and the provider is
  told rather than asked; capacity is still taken under the resource's row lock (Need Match), and every
  assignment waits for a review by the sub-district afterwards;
- everything is marked as done in emergency mode, and ending the emergency (with a reason) writes a summary.

Every whitelisted method checks the caller's permission itself before acting.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, flt, now_datetime
from frappe.utils.user import get_users_with_role

from wuse_app.domain import linkage as rules
from wuse_app.linkage.notify import notify
from wuse_app.linkage.permissions import is_subdistrict_wide, scope_communities
from wuse_app.setup.roles import SUBDISTRICT_REVIEWER
from wuse_app.utils.validation import domain_errors, throw

DOCTYPE = "Community Emergency"
CHILD = "Resource Offer Community"  # the communities table (one Link to Community) is shared
BOARD_EVENT = "wuse_emergency_board"
PORTAL_ROUTE = "/emergency_tasks"


def communities_of(emergency: str) -> list[str]:
	return frappe.get_all(
		CHILD, filters={"parent": emergency, "parenttype": DOCTYPE}, pluck="community", order_by="idx"
	)


def active_emergency(community: str | None) -> str | None:
	"""The active emergency covering the community, if any."""
	if not community:
		return None
	rows = frappe.db.sql(
		"""select e.name from `tabCommunity Emergency` e
		join `tabResource Offer Community` c on c.parent = e.name and c.parenttype = %s
		where e.status = %s and c.community = %s order by e.started_on desc limit 1""",
		(DOCTYPE, rules.EMERGENCY_ACTIVE, community),
	)
	return rows[0][0] if rows else None


def active_emergencies(communities: list[str], exclude: str | None = None) -> dict[str, str]:
	"""community -> the active emergency covering it (for the one-at-a-time rule)."""
	if not communities:
		return {}
	rows = frappe.db.sql(
		"""select c.community, e.name from `tabCommunity Emergency` e
		join `tabResource Offer Community` c on c.parent = e.name and c.parenttype = %(doctype)s
		where e.status = %(active)s and c.community in %(communities)s and e.name != %(exclude)s""",
		{
			"doctype": DOCTYPE,
			"active": rules.EMERGENCY_ACTIVE,
			"communities": tuple(communities),
			"exclude": exclude or "",
		},
	)
	return dict(rows)


def user_scope(user: str | None = None) -> list[str] | None:
	"""The communities the user works in; None for sub-district-wide users."""
	user = user or frappe.session.user
	return None if is_subdistrict_wide(user) else scope_communities(user)


def _emergency(name: str, ptype: str):
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission(ptype)
	return doc


def _working_communities(doc) -> list[str]:
	"""The emergency's communities the caller works in (all of them for sub-district-wide users)."""
	communities = [row.community for row in doc.communities]
	scope = user_scope()
	return communities if scope is None else [c for c in communities if c in scope]


def _publish(emergency: str) -> None:
	"""Refresh the live board of everyone looking at the emergency."""
	frappe.publish_realtime(
		BOARD_EVENT, {"emergency": emergency}, doctype=DOCTYPE, docname=emergency, after_commit=True
	)


# --- volunteers ------------------------------------------------------------------------------------


def _skills(skills, category: str | None) -> list[str]:
	if isinstance(skills, str):
		skills = frappe.parse_json(skills) if skills.strip().startswith("[") else skills.split(",")
	names = [s.strip() for s in (skills or []) if s and s.strip()]
	if category:
		names += frappe.get_all(
			"Service Category Skill",
			filters={"parent": category, "parenttype": "Service Category"},
			pluck="skill",
		)
	return list(dict.fromkeys(names))


@frappe.whitelist(methods=["POST"])
def dispatch_volunteers(
	emergency: str, skills=None, category: str | None = None, task: str | None = None, need: str | None = None
) -> dict:
	"""Call out the active volunteers with any of the skills in the emergency's communities (in the
	caller's scope); each gets an Emergency Dispatch to accept or decline in the portal."""
	doc = _emergency(emergency, "write")
	with domain_errors(_("Cannot dispatch")):
		rules.ensure_emergency_active(doc.status)
	wanted = _skills(skills, category)
	if not wanted:
		throw(
			_("Choose the skills (or the service category) the volunteers need."), title=_("Missing skills")
		)
	communities = _working_communities(doc)
	if need:
		need_doc = frappe.get_doc("Resident Need", need)
		need_doc.check_permission("read")
		if need_doc.community not in communities:
			throw(
				_("Need {0} is not in the communities of this emergency.").format(need),
				title=_("Not allowed"),
			)
	volunteers = (
		frappe.db.sql(
			"""select v.name, v.full_name, v.user, v.community,
				group_concat(distinct s.skill order by s.skill separator ', ') as skills
			from `tabVolunteer` v
			join `tabVolunteer Skill Item` s on s.parent = v.name and s.parenttype = 'Volunteer'
			where v.status = 'Active' and v.community in %(communities)s and s.skill in %(skills)s
				and not exists (select 1 from `tabEmergency Dispatch` d
					where d.emergency = %(emergency)s and d.volunteer = v.name and d.status != %(declined)s)
			group by v.name, v.full_name, v.user, v.community order by v.name""",
			{
				"communities": tuple(communities or [""]),
				"skills": tuple(wanted),
				"emergency": doc.name,
				"declined": rules.DISPATCH_DECLINED,
			},
			as_dict=True,
		)
		if communities
		else []
	)
	now = now_datetime()
	with_account = []
	for volunteer in volunteers:
		dispatch = frappe.get_doc(
			{
				"doctype": "Emergency Dispatch",
				"emergency": doc.name,
				"volunteer": volunteer.name,
				"volunteer_name": volunteer.full_name,
				"volunteer_user": volunteer.user,
				"community": volunteer.community,
				"need": need,
				"task": (task or "").strip() or None,
				"skills": volunteer.skills,
				"status": rules.DISPATCH_NOTIFIED,
				"dispatched_by": frappe.session.user,
				"dispatched_on": now,
				"is_emergency": 1,
			}
		)
		dispatch.flags.ignore_permissions = True  # checked above: write on the emergency, which is active
		dispatch.insert()
		if volunteer.user:
			with_account.append(volunteer.user)
			notify(
				[volunteer.user],
				"Emergency Dispatch",
				dispatch.name,
				"Emergency {0}: you are called out ({1}). Accept or decline in “My Emergency Tasks”.",
				(doc.title, dispatch.task or _("see the task")),
				portal_route=PORTAL_ROUTE,
			)
	_publish(doc.name)
	return {"dispatched": len(volunteers), "notified": len(with_account), "skills": wanted}


@frappe.whitelist(methods=["POST"])
def respond_to_dispatch(dispatch: str, response: str, note: str | None = None) -> str:
	"""The volunteer called out accepts or declines (only they can, once, while the emergency is on)."""
	doc = frappe.get_doc("Emergency Dispatch", dispatch)
	if not doc.volunteer_user or doc.volunteer_user != frappe.session.user:
		throw(
			_("Only the volunteer who was called out can answer this dispatch."),
			exc=frappe.PermissionError,
			title=_("Not allowed"),
		)
	with domain_errors(_("Cannot answer")):
		rules.ensure_emergency_active(frappe.db.get_value(DOCTYPE, doc.emergency, "status"))
		doc.response_note = rules.validate_dispatch_response(doc.status, response, note) or None
	doc.status = response
	doc.responded_on = now_datetime()
	doc.flags.ignore_permissions = True  # checked above: the volunteer answers their own dispatch
	doc.save()
	notify(
		[doc.dispatched_by],
		"Emergency Dispatch",
		doc.name,
		"{0} answered the emergency dispatch {1}: {2}.",
		(doc.volunteer_name, doc.name, response),
	)
	_publish(doc.emergency)
	return doc.status


@frappe.whitelist()
def my_dispatches() -> list[dict]:
	"""The signed-in volunteer's dispatches (their own only), newest first."""
	frappe.has_permission("Emergency Dispatch", "read", throw=True)
	rows = frappe.get_list(
		"Emergency Dispatch",
		filters={"volunteer_user": frappe.session.user},
		fields=[
			"name",
			"emergency",
			"status",
			"task",
			"skills",
			"dispatched_on",
			"response_note",
			"community",
		],
		order_by="dispatched_on desc",
		limit_page_length=50,
	)
	for row in rows:
		# The title and state of an emergency the caller was called out in (volunteers cannot read emergencies).
		title, status = frappe.db.get_value(DOCTYPE, row.emergency, ["title", "status"]) or (None, None)
		row.title = title
		row.can_answer = row.status == rules.DISPATCH_NOTIFIED and status == rules.EMERGENCY_ACTIVE
	return rows


# --- resources -------------------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def assign_resource(
	emergency: str, resource: str, quantity: float, need: str | None = None, note: str | None = None
) -> str:
	"""Assign a resource of the area at once (to a need or to the emergency as a whole): a Need Match
	marked as an emergency assignment, capacity taken under lock, reviewed afterwards."""
	_emergency(emergency, "write")
	frappe.has_permission("Need Match", "create", throw=True)
	match = frappe.get_doc(
		{
			"doctype": "Need Match",
			"need": need or None,
			"resource": resource,
			"quantity": flt(quantity),
			"emergency": emergency,
			"assignment_note": (note or "").strip() or None,
		}
	)
	match.insert()
	return match.name


def provider_users(resource: str) -> list[str]:
	"""The portal users of the resource's provider: the volunteer's account, the organisation's users."""
	row = frappe.db.get_value(
		"Resource Offer", resource, ["provider_type", "organization", "volunteer"], as_dict=True
	)
	if not row:
		return []
	if row.provider_type == "Volunteer" and row.volunteer:
		user = frappe.db.get_value("Volunteer", row.volunteer, "user")
		return [user] if user else []
	if row.provider_type == "Social Organization" and row.organization:
		return frappe.get_all(
			"Organization Portal User",
			filters={"parent": row.organization, "parenttype": "Social Organization"},
			pluck="user",
		)
	return []


def after_emergency_assignment(match) -> None:
	"""Tell the provider what was assigned (they are told, not asked), and refresh the board."""
	emergency_title = frappe.db.get_value(DOCTYPE, match.emergency, "title")
	resource_title = frappe.db.get_value("Resource Offer", match.resource, "title")
	notify(
		provider_users(match.resource),
		"Need Match",
		match.name,
		"Emergency {0}: {1} of your resource “{2}” has been assigned by the community.",
		(emergency_title, f"{match.quantity:g} {_(match.capacity_unit or '')}", resource_title),
	)
	_publish(match.emergency)


@frappe.whitelist(methods=["POST"])
def review_assignment(match: str, note: str | None = None) -> str:
	"""The sub-district reviews an emergency assignment afterwards (never the person who made it)."""
	doc = frappe.get_doc("Need Match", match)
	doc.check_permission("write")
	if not is_subdistrict_wide(frappe.session.user):
		throw(
			_("Emergency assignments are reviewed by the sub-district."),
			exc=frappe.PermissionError,
			title=_("Not allowed"),
		)
	with domain_errors(_("Cannot review")):
		rules.validate_review(doc.review_status, doc.matched_by, frappe.session.user)
	frappe.db.set_value(
		"Need Match",
		doc.name,
		{
			"review_status": rules.REVIEW_DONE,
			"reviewed_by": frappe.session.user,
			"reviewed_on": now_datetime(),
			"review_note": (note or "").strip() or None,
		},
	)
	doc.add_comment("Info", _("Emergency assignment reviewed: {0}").format((note or "").strip() or "—"))
	return rules.REVIEW_DONE


# --- end and board ---------------------------------------------------------------------------------


def summary_of(emergency: str) -> rules.EmergencySummary:
	needs = frappe.get_all("Resident Need", filters={"emergency": emergency}, pluck="status")
	dispatches = frappe.get_all("Emergency Dispatch", filters={"emergency": emergency}, pluck="status")
	assignments = frappe.get_all(
		"Need Match",
		filters={"emergency": emergency, "status": ["!=", "Cancelled"]},
		fields=["capacity_unit", "quantity", "review_status"],
		as_list=True,
	)
	return rules.summarise_emergency(needs, dispatches, assignments)


@frappe.whitelist(methods=["POST"])
def end_emergency(emergency: str, reason: str) -> str:
	"""Switch emergency mode off, with a reason; the summary of what was done is written on the record."""
	doc = frappe.get_doc(DOCTYPE, emergency)
	doc.check_permission("write")
	with domain_errors(_("Cannot end the emergency")):
		doc.end_reason = rules.validate_emergency_end(doc.status, reason)
	summary = summary_of(doc.name)
	for unit in list(summary.quantities):
		summary.quantities[_(unit) if unit else "—"] = summary.quantities.pop(unit)
	doc.summary = "\n".join(line.render(_) for line in summary.lines())
	doc.status = rules.EMERGENCY_ENDED
	doc.ended_on = now_datetime()
	doc.ended_by = frappe.session.user
	doc.flags.server_update = True
	doc.save()
	reviewers = get_users_with_role(SUBDISTRICT_REVIEWER)
	if summary.assignments_pending_review:
		notify(
			reviewers,
			DOCTYPE,
			doc.name,
			"Emergency {0} has ended: {1} resource assignments wait for your review.",
			(doc.title, summary.assignments_pending_review),
		)
	_publish(doc.name)
	return doc.summary


@frappe.whitelist()
def emergency_board(emergency: str) -> dict:
	"""The live board: the communities' unfinished needs (emergency needs first, then by deadline), the
	volunteers called out and the resources assigned — each list as the caller may see it."""
	doc = frappe.get_doc(DOCTYPE, emergency)
	doc.check_permission("read")
	communities = [row.community for row in doc.communities]
	needs = frappe.get_list(
		"Resident Need",
		filters={
			"community": ["in", communities or [""]],
			"status": ["not in", sorted(rules.FINISHED_STATUSES)],
		},
		fields=[
			"name",
			"community",
			"category",
			"urgency",
			"status",
			"people_affected",
			"response_deadline",
			"is_emergency",
		],
		order_by="is_emergency desc, response_deadline asc",
		limit_page_length=100,
	)
	dispatches = frappe.get_list(
		"Emergency Dispatch",
		filters={"emergency": doc.name},
		fields=["name", "volunteer_name", "community", "skills", "status", "task"],
		order_by="status asc, name asc",
		limit_page_length=200,
	)
	assignments = frappe.get_list(
		"Need Match",
		filters={"emergency": doc.name, "status": ["!=", "Cancelled"]},
		fields=["name", "resource", "need", "quantity", "capacity_unit", "review_status", "matched_by"],
		order_by="name asc",
		limit_page_length=200,
	)
	titles = dict(
		frappe.get_list(
			"Resource Offer",
			filters={"name": ["in", [a.resource for a in assignments] or [""]]},
			fields=["name", "title"],
			as_list=True,
		)
	)
	for row in needs:
		row.status_label = _(row.status)
		row.category_label = _(row.category)
		row.urgency_label = _(row.urgency)
		row.overdue = rules.is_overdue(row.status, row.response_deadline, now_datetime())
	for row in dispatches:
		row.status_label = _(row.status, context="Emergency Dispatch")
	for row in assignments:
		row.title = titles.get(row.resource)
		row.unit = _(row.capacity_unit or "")
		row.review_label = _(row.review_status) if row.review_status else ""
	return {
		"status": doc.status,
		"needs": needs,
		"dispatches": dispatches,
		"assignments": assignments,
		"accepted": sum(1 for d in dispatches if d.status == rules.DISPATCH_ACCEPTED),
		"can_dispatch": cint(doc.status == rules.EMERGENCY_ACTIVE and doc.has_permission("write")),
	}
