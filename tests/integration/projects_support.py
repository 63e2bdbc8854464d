"""Shared set-up for the service project tests: the people of one approval chain and helpers to act."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import frappe
from factories import (
	assign,
	make_community,
	make_organization,
	make_portal_user,
	make_service_project,
	make_user,
)
from frappe.model.workflow import apply_workflow

from wuse_app.setup.roles import (
	COMMUNITY_SECRETARY,
	COMMUNITY_STAFF,
	LEADERSHIP_MEMBER,
	SUBDISTRICT_REVIEWER,
	WUSE_ADMINISTRATOR,
)


@dataclass
class Cast:
	community: str
	other_community: str
	organization: str
	portal_user: str  # applies through the web form
	staff: str  # Community Staff of `community`, applies in the desk
	secretary: str  # Community Secretary of `community`
	other_secretary: str  # Community Secretary of `other_community`
	reviewer: str  # Sub-district Reviewer
	leader: str  # Leadership Group Member
	admin: str  # Wuse Administrator

	def project(self, owner: str | None = None, amount: float = 10000, **values):
		return make_service_project(
			owner=owner or self.staff,
			community=self.community,
			organization=self.organization,
			amount=amount,
			**values,
		)


def make_cast(community_name: str | None = None, organization_name: str | None = None) -> Cast:
	"""The people of one approval chain; the names, when given, are used for the community and organisation."""
	community, other = make_community(name=community_name), make_community()
	organization = make_organization(name=organization_name, community=community)
	staff = make_user(COMMUNITY_STAFF)
	assign(staff, community, COMMUNITY_STAFF)
	secretary = make_user(COMMUNITY_SECRETARY)
	assign(secretary, community, COMMUNITY_SECRETARY)
	other_secretary = make_user(COMMUNITY_SECRETARY)
	assign(other_secretary, other, COMMUNITY_SECRETARY)
	return Cast(
		community=community,
		other_community=other,
		organization=organization,
		portal_user=make_portal_user(organization),
		staff=staff,
		secretary=secretary,
		other_secretary=other_secretary,
		reviewer=make_user(SUBDISTRICT_REVIEWER),
		leader=make_user(LEADERSHIP_MEMBER),
		admin=make_user(WUSE_ADMINISTRATOR),
	)


@contextmanager
def as_user(user: str) -> Iterator[None]:
	current = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(current)


def act(user: str, project: str, action: str, reason: str | None = None, expected_state: str | None = None):
	"""Take a workflow action the way the desk's review dialog does (wuse_app.projects.api)."""
	from wuse_app.projects.api import apply_review_action

	with as_user(user):
		apply_review_action(project, action, reason=reason, expected_state=expected_state)
	return frappe.get_doc("Service Project", project)


def workflow(user: str, project: str, action: str):
	"""Take a workflow action through Frappe's own endpoint (list view, REST), without our dialog."""
	with as_user(user):
		apply_workflow(frappe.get_doc("Service Project", project), action)
	return frappe.get_doc("Service Project", project)


def set_threshold(amount: float) -> None:
	settings = frappe.get_single("Wuse Settings")
	settings.leadership_approval_threshold = amount
	settings.save()


def state(project: str) -> str:
	return frappe.db.get_value("Service Project", project, "workflow_state")


def trail(project: str) -> list[tuple[str, str, str]]:
	return [
		(row.action, row.to_state, row.user)
		for row in frappe.get_all(
			"Project Approval Log",
			filters={"parent": project},
			fields=["action", "to_state", "user"],
			order_by="idx asc",
		)
	]


# --- committed data (REST, concurrency, migrate) ----------------------------------------------------


def commit_cast() -> Cast:
	"""A cast whose records are committed (the HTTP server and other processes must see them)."""
	frappe.set_user("Administrator")
	cast = make_cast()
	frappe.db.commit()
	return cast


def remove_cast(cast: Cast) -> None:
	"""Delete everything a committed cast and its projects left behind, then commit."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	projects = frappe.get_all(
		"Service Project",
		filters={"community": ["in", [cast.community, cast.other_community]]},
		pluck="name",
	)
	remove_projects(projects)
	users = [
		cast.portal_user,
		cast.staff,
		cast.secretary,
		cast.other_secretary,
		cast.reviewer,
		cast.leader,
		cast.admin,
		*frappe.get_all("Organization Portal User", filters={"parent": cast.organization}, pluck="user"),
		*frappe.get_all(
			"Community Assignment",
			filters={"community": ["in", [cast.community, cast.other_community]]},
			pluck="user",
		),
	]
	frappe.db.delete("Community Assignment", {"community": ["in", [cast.community, cast.other_community]]})
	for organization in frappe.get_all(
		"Social Organization",
		filters={"community": ["in", [cast.community, cast.other_community]]},
		pluck="name",
	):
		frappe.delete_doc("Social Organization", organization, force=True, ignore_permissions=True)
	for user in set(users):
		frappe.db.delete("User Permission", {"user": user})
		frappe.db.delete("Notification Log", {"for_user": user})
		if frappe.db.exists("User", user):
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	for community in (cast.community, cast.other_community):
		frappe.delete_doc("Community", community, force=True, ignore_permissions=True)
	frappe.db.commit()
	frappe.clear_cache()


def remove_projects(projects: list[str]) -> None:
	"""Projects past Draft cannot be deleted through the controller; tests remove them directly."""
	if not projects:
		return
	for child in ("Service Project Budget Item", "Service Project Milestone", "Project Approval Log"):
		frappe.db.delete(child, {"parent": ["in", projects], "parenttype": "Service Project"})
	for doctype, child, field in (
		("Workflow Action", "Workflow Action Permitted Role", "reference_name"),
		("Email Queue", "Email Queue Recipient", "reference_name"),
	):
		names = frappe.get_all(doctype, filters={field: ["in", projects]}, pluck="name")
		if names:
			frappe.db.delete(child, {"parent": ["in", names]})
	for doctype, field in (
		("Workflow Action", "reference_name"),
		("Comment", "reference_name"),
		("Version", "docname"),
		("Notification Log", "document_name"),
		("Email Queue", "reference_name"),
	):
		frappe.db.delete(doctype, {field: ["in", projects]})
	for file in frappe.get_all("File", filters={"attached_to_name": ["in", projects]}, pluck="name"):
		frappe.delete_doc("File", file, force=True, ignore_permissions=True)
	frappe.db.delete("Service Project", {"name": ["in", projects]})
