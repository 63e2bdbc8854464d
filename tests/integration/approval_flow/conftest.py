"""Users shared by the 拨付审批, 催办 and 公示 tests in this folder (a user costs seconds to create:
made once a run). They are committed (REST and worker processes log in as them) and deleted at the end.
"""

from __future__ import annotations

import frappe
import pytest
from factories import make_user

from wuse_app.setup.roles import COMMUNITY_STAFF, LEADERSHIP_MEMBER, SUBDISTRICT_REVIEWER, WUSE_ADMINISTRATOR


@pytest.fixture(scope="session")
def people():
	frappe.set_user("Administrator")
	users = frappe._dict(
		# drafts allocations, may also review (so never their own), is the escalation role
		drafter=make_user(WUSE_ADMINISTRATOR, SUBDISTRICT_REVIEWER, language="zh"),
		reviewers=[make_user(SUBDISTRICT_REVIEWER, language="zh") for _i in range(2)],
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
