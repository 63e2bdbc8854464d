"""Users and money shared by the 拨付审批, 催办 and 公示 tests in this folder (a user, a fund and a project
cost seconds to create: made once a run). They are committed (REST and worker processes log in as the
users) and deleted at the end; each test's own allocations are rolled back as usual.
"""

from __future__ import annotations

import frappe
import pytest
from factories import make_charity_project, make_community, make_donation, make_fund, make_user

from wuse_app.setup.roles import COMMUNITY_STAFF, LEADERSHIP_MEMBER, SUBDISTRICT_REVIEWER, WUSE_ADMINISTRATOR


@pytest.fixture(scope="session")
def people():
	frappe.set_user("Administrator")
	users = frappe._dict(
		# drafts allocations, may also review (so never their own), is the escalation role
		drafter=make_user(WUSE_ADMINISTRATOR, SUBDISTRICT_REVIEWER, language="zh"),
		reviewers=[make_user(SUBDISTRICT_REVIEWER, language="zh")],
		leaders=[make_user(LEADERSHIP_MEMBER, language="zh") for _i in range(2)],
		# a community role without a community (sees nothing), and any logged-in person for 异议
		staff=make_user(COMMUNITY_STAFF, language="zh"),
	)
	frappe.db.commit()
	yield users
	frappe.db.rollback()
	frappe.set_user("Administrator")
	everyone = [users.drafter, *users.reviewers, *users.leaders, users.staff]
	frappe.db.delete("Notification Log", {"for_user": ["in", everyone]})
	for user in everyone:
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture(scope="session")
def funding():
	"""A fund holding 100 000 yuan and an approved project to pay."""
	frappe.set_user("Administrator")
	community = make_community()
	fund = make_fund(community)
	donation = make_donation(fund, 100_000)
	project = make_charity_project(community)
	frappe.db.commit()
	yield frappe._dict(fund=fund, project=project)
	frappe.db.rollback()
	frappe.set_user("Administrator")
	organizations = {
		frappe.db.get_value("Service Project", project, "applicant_organization"),
		frappe.db.get_value("Community Fund", fund, "custodian_organization"),
	}
	sub_district = frappe.db.get_value("Community", community, "sub_district")
	for doctype, name in (
		("Donation", donation.name),
		("Donor", donation.donor),
		("Community Fund", fund),
		("Service Project", project),
		*(("Social Organization", o) for o in organizations),
		("Community", community),
		("Sub District", sub_district),
	):
		frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
		frappe.db.delete(doctype, {"name": name})
	frappe.db.delete("Workflow Action", {"reference_name": project})
	for table in frappe.get_meta("Service Project").get_table_fields():
		frappe.db.delete(table.options, {"parent": project, "parenttype": "Service Project"})
	frappe.db.commit()
