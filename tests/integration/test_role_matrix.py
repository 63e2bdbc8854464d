"""Every doctype's rights per role match the documented matrix (README "Role matrix")."""

from __future__ import annotations

import json

import frappe
import pytest
from factories import (
	RestClient,
	assign,
	make_community,
	make_donor,
	make_organization,
	make_portal_user,
	make_social_worker,
	make_user,
	make_volunteer,
	resident_id,
)
from role_matrix import (
	MATRIX,
	PERSONAL_FIELDS,
	ROLES,
	field_rights,
	readme_matrix,
	readme_personal_fields,
	rights,
)

from wuse_app.setup import roles as R


@pytest.fixture(scope="module")
def role_users():
	"""One user per role, for every rights test of the module (they only read rights): committed once
	and deleted at the module's end, instead of eight new users per test. Committed, not shared_data,
	because the REST tests of this module commit."""
	frappe.set_user("Administrator")
	users = {role: make_user(role) for role in ROLES}
	frappe.db.commit()
	yield users
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for user in users.values():
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.mark.parametrize("doctype", sorted(MATRIX))
def test_role_matrix(doctype, role_users):
	actual = tuple(rights(doctype, role_users[role]) for role in ROLES)
	assert dict(zip(ROLES, actual, strict=True)) == dict(zip(ROLES, MATRIX[doctype], strict=True))


def test_every_app_doctype_is_in_the_matrix():
	modules = frappe.get_all("Module Def", filters={"app_name": "wuse_app"}, pluck="name")
	doctypes = set(frappe.get_all("DocType", filters={"module": ["in", modules], "istable": 0}, pluck="name"))
	assert doctypes - {"Wuse Sequence"} == set(MATRIX)


def test_readme_documents_the_same_matrix():
	assert readme_matrix() == MATRIX


# --- personal fields: what each role sees of each personal field ----------------------------------


@pytest.mark.parametrize("key", sorted(PERSONAL_FIELDS))
def test_personal_field_rights(key, role_users):
	doctype, fields = key
	users = role_users
	for fieldname in fields.split(", "):
		actual = tuple(field_rights(doctype, fieldname, users[role]) for role in ROLES)
		assert dict(zip(ROLES, actual, strict=True)) == dict(zip(ROLES, PERSONAL_FIELDS[key], strict=True)), (
			fieldname
		)


def test_readme_documents_the_same_personal_fields():
	assert readme_personal_fields() == PERSONAL_FIELDS


# --- over REST: one logged-in session per role ------------------------------------------------------


@pytest.fixture(scope="module")
def rest_world():
	frappe.set_user("Administrator")
	here = make_community()
	org = make_organization(community=here, contact_mobile="13700137001")
	records = {
		"Volunteer": make_volunteer(here, mobile="13700137002"),
		"Social Worker": make_social_worker(here, mobile="13700137003"),
		"Donor": make_donor(community=here, id_number=resident_id(), mobile="13700137004"),
		"Social Organization": frappe.get_doc("Social Organization", org),
	}
	users = {}
	for role in ROLES:
		if role == R.SOCIAL_ORGANIZATION_USER:
			users[role] = make_portal_user(org)
		elif role in (R.COMMUNITY_SECRETARY, R.COMMUNITY_STAFF, R.SOCIAL_WORKER):
			users[role] = make_user()
			assign(users[role], here, role)
		else:
			users[role] = make_user(role)
	frappe.db.set_value("Volunteer", records["Volunteer"].name, "user", users[R.VOLUNTEER])
	frappe.db.commit()
	clients = {role: RestClient(user) for role, user in users.items()}
	yield frappe._dict(here=here, org=org, records=records, users=users, clients=clients)
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for user in users.values():
		for name in frappe.get_all("Community Assignment", {"user": user}, pluck="name"):
			frappe.delete_doc("Community Assignment", name, force=True)
	for doctype, doc in records.items():
		frappe.delete_doc(doctype, doc.name, force=True)
	for user in users.values():
		frappe.delete_doc("User", user, force=True)
	frappe.delete_doc("Community", here, force=True)
	frappe.db.commit()


LIST_ENDPOINTS = (
	("/api/resource/{doctype}", {"limit_page_length": 1}),
	("/api/method/frappe.client.get_count", {"doctype": "{doctype}"}),
	(
		"/api/method/frappe.desk.reportview.get",
		{"doctype": "{doctype}", "fields": '["name"]', "page_length": 1},
	),
	(
		"/api/method/frappe.desk.listview.get_group_by_count",
		{"doctype": "{doctype}", "current_filters": "[]", "field": "owner"},
	),
)


@pytest.mark.commits
@pytest.mark.parametrize("role", ROLES)
def test_rest_list_report_and_count_endpoints_follow_the_matrix(rest_world, role):
	client = rest_world.clients[role]
	wrong = []
	for doctype, cells in sorted(MATRIX.items()):
		if frappe.get_meta(doctype).issingle:
			continue
		letters = cells[ROLES.index(role)]
		if letters not in ("-",) and "R" not in letters:
			continue  # select-only: links, not lists
		for path, params in LIST_ENDPOINTS:
			params = {k: v.format(doctype=doctype) if isinstance(v, str) else v for k, v in params.items()}
			status = client.get(path.format(doctype=doctype), params=params).status_code
			expected = 403 if letters == "-" else 200
			if status != expected:
				wrong.append((doctype, path, status))
	assert wrong == []


def clear_values(doc, fields: list[str]) -> list[str]:
	return [
		str(doc.get(f)) for f in fields if f in ("id_number", "date_of_birth", "mobile", "contact_mobile")
	]


@pytest.mark.commits
@pytest.mark.parametrize("role", ROLES)
def test_rest_personal_fields_are_clear_only_where_the_matrix_says_r(rest_world, role):
	client = rest_world.clients[role]
	problems = []
	for (doctype, field_list), cells in sorted(PERSONAL_FIELDS.items()):
		letter = cells[ROLES.index(role)]
		doc = frappe.get_doc(doctype, rest_world.records[doctype].name)
		fields = field_list.split(", ")
		secrets = clear_values(doc, fields)
		filters = json.dumps([[doctype, "name", "=", doc.name]])
		columns = [f"`tab{doctype}`.`{f}`" for f in ["name", *fields]]
		responses = {
			"resource": client.get(
				f"/api/resource/{doctype}",
				params={"fields": json.dumps(["name", *fields]), "filters": filters},
			),
			"report view": client.get(
				"/api/method/frappe.desk.reportview.get",
				params={"doctype": doctype, "fields": json.dumps(columns), "filters": filters},
			),
			"export": client.get(
				"/api/method/frappe.desk.reportview.export_query",
				params={
					"doctype": doctype,
					"fields": json.dumps(columns),
					"filters": filters,
					"file_format_type": "CSV",
					"title": doctype,
				},
			),
			"record": client.get(f"/api/resource/{doctype}/{doc.name}"),
		}
		for endpoint, response in responses.items():
			text = response.content.decode("utf-8", "replace")
			shown = [s for s in secrets if s in text]
			if letter == "R" and endpoint != "export" and response.status_code == 200 and shown != secrets:
				problems.append((doctype, field_list, endpoint, "hidden from R", response.status_code))
			if letter != "R" and shown:
				problems.append((doctype, field_list, endpoint, "shown", shown))
		if letter == "R":
			assert responses["record"].status_code == 200, (doctype, role)
	assert problems == []
