"""Conflicts of interest found in the registry: the judge is a member, employee or donor of the applicant."""

from __future__ import annotations

import frappe
from frappe import _


def detect(judge: str, organization: str) -> str | None:
	"""The registry links between `judge` (a User) and `organization`, as one sentence, or None."""
	links = []
	if frappe.db.exists(
		"Organization Portal User",
		{"parent": organization, "parenttype": "Social Organization", "user": judge},
	):
		links.append(_("registered user (member) of {0}").format(organization))
	if frappe.db.exists("Social Worker", {"user": judge, "employer_organization": organization}):
		links.append(_("social worker employed by {0}").format(organization))
	if is_donor(judge, organization):
		links.append(_("donor to {0}").format(organization))
	if not links:
		return None
	return _("Found in the registry: the judge is a {0}.").format("; ".join(links))


def is_donor(judge: str, organization: str) -> bool:
	"""A donor with the judge's mobile number gave to a fund the organisation holds or to its projects."""
	mobile = frappe.db.get_value("User", judge, "mobile_no")
	if not mobile:
		return False
	donors = frappe.get_all("Donor", filters={"mobile": mobile}, pluck="name")
	if not donors:
		return False
	projects = frappe.get_all(
		"Service Project", filters={"applicant_organization": organization}, pluck="name"
	) or ["-"]
	gifts = frappe.db.sql(
		"""select count(*) from `tabDonation` where docstatus = 1 and donor in %(donors)s
		and (custodian_organization = %(organization)s or designated_project in %(projects)s)""",
		{"donors": tuple(donors), "organization": organization, "projects": tuple(projects)},
	)[0][0]
	return bool(gifts)
