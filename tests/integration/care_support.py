"""Builders for the care-file tests (synthetic persons only)."""

from __future__ import annotations

import datetime

import frappe
from factories import assign, make_community, make_social_worker, make_user, make_volunteer, resident_id

from wuse_app.domain.resident_id import compose_resident_id
from wuse_app.setup import roles as R


def child_id() -> str:
	"""A valid synthetic ID number of a ten-year-old."""
	from factories import _id_counter

	n = next(_id_counter)
	birth = datetime.date.today().replace(day=1) - datetime.timedelta(days=365 * 10 + n % 300)
	return compose_resident_id("500114", birth, 1 + 2 * (n % 499))


def make_care_file(
	community: str, social_worker: str | None = None, child: bool = False, consent: bool = True, **values
):
	data = {
		"doctype": "Care Recipient",
		"recipient_type": "Left-behind Child" if child else "Elderly",
		"full_name": "测试对象",
		"id_number": child_id() if child else resident_id(),
		"community": community,
		"address": "朝阳路1号",
		"risk_level": "Medium",
		"assigned_social_worker": social_worker,
	}
	if child:
		data.update(
			guardian_name="监护人",
			guardian_relationship="祖母",
			guardian_mobile="13800138000",
			emergency_contact_name="紧急联系人",
			emergency_contact_mobile="13900139000",
		)
	if consent:
		data.update(
			consent_given=1,
			consent_by="Guardian" if child else "Self",
			consenter_name="监护人" if child else "测试对象",
			consent_date=frappe.utils.today(),
			consent_use="定期走访、需求评估和转介服务",
		)
	data.update(values)
	return frappe.get_doc(data).insert(ignore_permissions=True)


def care_world() -> frappe._dict:
	"""Two communities; per community a secretary; an assigned social worker and a volunteer."""
	here, there = make_community(), make_community()
	w = frappe._dict(here=here, there=there)
	w.secretary = make_user()
	assign(w.secretary, here, R.COMMUNITY_SECRETARY)
	w.other_secretary = make_user()
	assign(w.other_secretary, there, R.COMMUNITY_SECRETARY)
	w.staff = make_user()
	assign(w.staff, here, R.COMMUNITY_STAFF)
	w.sw_user = make_user()
	assign(w.sw_user, here, R.SOCIAL_WORKER)
	w.social_worker = make_social_worker(here, user=w.sw_user).name
	w.other_sw_user = make_user()
	assign(w.other_sw_user, here, R.SOCIAL_WORKER)
	w.other_social_worker = make_social_worker(here, user=w.other_sw_user).name
	w.admin = make_user(R.WUSE_ADMINISTRATOR)
	w.reviewer = make_user(R.SUBDISTRICT_REVIEWER)
	w.leader = make_user(R.LEADERSHIP_MEMBER)
	w.org_user = make_user(R.SOCIAL_ORGANIZATION_USER)
	w.vol_user = make_user(R.VOLUNTEER)
	w.volunteer = make_volunteer(here, user=w.vol_user).name
	w.other_vol_user = make_user(R.VOLUNTEER)
	w.other_volunteer = make_volunteer(here, user=w.other_vol_user).name
	w.scopeless_secretary = make_user(R.COMMUNITY_SECRETARY)  # the role, no community
	w.elder = make_care_file(here, w.social_worker)
	w.child = make_care_file(here, w.social_worker, child=True, risk_level="High")
	w.unassigned = make_care_file(here, None)
	w.elsewhere = make_care_file(there, None)
	w.task = frappe.get_doc(
		{
			"doctype": "Care Visit",
			"care_recipient": w.child.name,
			"task": "送学习用品，了解近况",
			"planned_date": frappe.utils.add_days(frappe.utils.today(), 3),
			"visitor_type": "Volunteer",
			"volunteer": w.volunteer,
		}
	).insert(ignore_permissions=True)
	return w


def delete_care_world(w: frappe._dict) -> None:
	frappe.db.rollback()
	frappe.set_user("Administrator")
	files = [w.elder.name, w.child.name, w.unassigned.name, w.elsewhere.name]
	for doctype in ("Care Visit", "Care Assessment"):
		frappe.db.delete(doctype, {"care_recipient": ["in", files]})
	frappe.db.delete("Care File Access Log", {"care_recipient": ["in", files]})
	frappe.db.delete("Care Recipient", {"name": ["in", files]})
	users = [w[k] for k in w if k.endswith(("secretary", "staff", "user", "admin", "reviewer", "leader"))]
	frappe.db.delete("Care File Access Log", {"user": ["in", users]})
	for name in frappe.get_all("Community Assignment", {"user": ["in", users]}, pluck="name"):
		frappe.delete_doc("Community Assignment", name, force=True)
	for doctype, names in (
		("Social Worker", [w.social_worker, w.other_social_worker]),
		("Volunteer", [w.volunteer, w.other_volunteer]),
		("User", users),
		("Community", [w.here, w.there]),
	):
		for name in names:
			frappe.delete_doc(doctype, name, force=True)
	frappe.db.commit()
