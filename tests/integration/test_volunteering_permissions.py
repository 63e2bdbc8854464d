"""Volunteering permissions: the role matrix, and a portal volunteer over real HTTP (own records only)."""

from __future__ import annotations

import frappe
import pytest
from factories import (
	RestClient,
	make_community,
	make_service_record,
	make_user,
	make_volunteer,
	make_volunteer_activity,
)
from frappe.utils import nowdate

from wuse_app.setup import roles as R


# The rights of every role on these doctypes are in tests/integration/role_matrix.py (test_role_matrix.py).
@pytest.mark.commits
def test_portal_volunteer_over_http_reports_hours_and_sees_only_their_own():
	created: dict[str, list[str]] = {"User": [], "Volunteer": []}
	community = make_community()
	user = make_user(R.VOLUNTEER)
	created["User"].append(user)
	own = make_volunteer(community, user=user).name
	other = make_volunteer(community).name
	created["Volunteer"] += [own, other]
	activity = make_volunteer_activity(community).name
	theirs = make_service_record(other, hours=2).name
	frappe.db.commit()
	try:
		client = RestClient(user)
		response = client.post(
			"/api/method/wuse_app.volunteering.api.report_my_hours",
			data={
				"activity": activity,
				"service_date": nowdate(),
				"hours": 2.5,
				"service_content": "陪老人散步",
			},
		)
		assert response.status_code == 200, response.text
		mine = response.json()["message"]

		listed = client.get(
			"/api/resource/Volunteer Service Record", params={"fields": '["name","volunteer"]'}
		)
		assert listed.status_code == 200
		assert listed.json()["data"] == [{"name": mine, "volunteer": own}]
		assert client.get(f"/api/resource/Volunteer Service Record/{theirs}").status_code == 403
		assert client.get(f"/api/resource/Volunteer Service Record/{mine}").json()["data"]["docstatus"] == 0

		# Not through the generic API either: no creating records, no submitting (verifying) own hours.
		forged = client.post(
			"/api/resource/Volunteer Service Record",
			json={
				"volunteer": own,
				"hours": 5,
				"service_date": nowdate(),
				"service_category": "Other",
				"service_content": "x",
			},
		)
		assert forged.status_code == 403
		submitted = client.post(
			"/api/method/frappe.client.submit",
			data={"doc": frappe.as_json(frappe.get_doc("Volunteer Service Record", mine).as_dict())},
		)
		assert submitted.status_code == 403
		frappe.db.rollback()
		assert frappe.db.get_value("Volunteer Service Record", mine, "docstatus") == 0
		assert frappe.db.get_value("Volunteer", own, "total_service_hours") == 0

		page = client.get("/volunteer_hours")
		assert page.status_code == 200, page.text[:500]
		assert frappe.db.get_value("Volunteer Activity", activity, "activity_title") in page.text
		assert "Unverified" in page.text

		summary = client.get("/api/method/wuse_app.volunteering.api.my_volunteer_summary").json()["message"]
		assert summary["name"] == own and [r["name"] for r in summary["records"]] == [mine]
		assert summary["records"][0]["verified"] is False
		title = frappe.db.get_value("Volunteer Activity", activity, "activity_title")
		assert summary["records"][0]["activity_title"] == title  # the title, not the VA-… number
	finally:
		frappe.db.rollback()
		for doctype in ("Time Bank Entry", "Volunteer Service Record"):
			names = frappe.get_all(doctype, filters={"volunteer": ["in", created["Volunteer"]]}, pluck="name")
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ["in", names or [""]]})
			frappe.db.delete(doctype, {"name": ["in", names or [""]]})
		frappe.db.delete("Volunteer Activity Attendee", {"parent": activity})
		frappe.db.delete("Volunteer Activity", {"name": activity})
		frappe.db.delete("Volunteer", {"name": ["in", created["Volunteer"]]})
		sub_district = frappe.db.get_value("Community", community, "sub_district")
		frappe.db.delete("Community", {"name": community})
		frappe.db.delete("Sub District", {"name": sub_district})
		for name in created["User"]:
			frappe.delete_doc("User", name, ignore_permissions=True, force=True)
		frappe.db.commit()
