"""Care-file privacy over HTTP with every role: list, record, count, group-by, report view, export,
the volunteer's visit tasks and the access log."""

from __future__ import annotations

import json

import frappe
import pytest
from care_support import care_world, delete_care_world
from factories import RestClient

pytestmark = pytest.mark.commits

RECIPIENT = "/api/resource/Care Recipient"
DENIED_ROLES = ("staff", "reviewer", "leader", "org_user", "vol_user")
UNSCOPED = ("scopeless_secretary", "other_sw_user")


@pytest.fixture(scope="module")
def w():
	frappe.set_user("Administrator")
	world = care_world()
	frappe.db.commit()
	world.clients = {}
	yield world
	delete_care_world(world)


def client(w, who: str) -> RestClient:
	if who not in w.clients:
		w.clients[who] = RestClient(w[who])
	return w.clients[who]


def expected(w, who: str) -> set[str] | None:
	"""The care files `who` may read (None: refused outright)."""
	return {
		"admin": {w.elder.name, w.child.name, w.unassigned.name, w.elsewhere.name},
		"secretary": {w.elder.name, w.child.name, w.unassigned.name},
		"other_secretary": {w.elsewhere.name},
		"sw_user": {w.elder.name, w.child.name},
		"scopeless_secretary": set(),
		"other_sw_user": set(),
	}.get(who)


ROLES = ("admin", "secretary", "other_secretary", "sw_user", *UNSCOPED, *DENIED_ROLES)
OURS = lambda w: [w.elder.name, w.child.name, w.unassigned.name, w.elsewhere.name]  # noqa: E731


def only_ours(w, names) -> set[str]:
	return set(names) & set(OURS(w))


@pytest.mark.parametrize("who", ROLES)
def test_list_and_count_are_scoped(w, who):
	response = client(w, who).get(RECIPIENT, params={"limit_page_length": 0})
	want = expected(w, who)
	if want is None:
		assert response.status_code == 403
		count = client(w, who).get(
			"/api/method/frappe.client.get_count", params={"doctype": "Care Recipient"}
		)
		assert count.status_code == 403
		return
	assert response.status_code == 200, response.text
	assert only_ours(w, (row["name"] for row in response.json()["data"])) == want
	count = client(w, who).get(
		"/api/method/frappe.client.get_count",
		params={"doctype": "Care Recipient", "filters": json.dumps({"name": ["in", OURS(w)]})},
	)
	assert count.json()["message"] == len(want)


@pytest.mark.parametrize("who", ROLES)
def test_reading_the_childs_file(w, who):
	response = client(w, who).get(f"{RECIPIENT}/{w.child.name}")
	want = expected(w, who)
	if not want or w.child.name not in want:
		assert response.status_code == 403, response.text
		assert w.child.guardian_mobile not in response.text
		return
	data = response.json()["data"]
	assert data["guardian_name"] == "监护人"
	if who == "admin":
		assert data["id_number"] == w.child.id_number
	else:
		assert not data.get("id_number") and not data.get("date_of_birth") and not data.get("gender")
		assert data["id_number_masked"] == w.child.id_number_masked


@pytest.mark.parametrize("who", ROLES)
def test_group_by_counts_and_report_view_are_scoped(w, who):
	want = expected(w, who)
	group = client(w, who).get(
		"/api/method/frappe.desk.listview.get_group_by_count",
		params={"doctype": "Care Recipient", "current_filters": json.dumps([]), "field": "community"},
	)
	report = client(w, who).get(
		"/api/method/frappe.desk.reportview.get",
		params={
			"doctype": "Care Recipient",
			"fields": json.dumps(["`tabCare Recipient`.`name`", "`tabCare Recipient`.`community`"]),
			"filters": json.dumps([["Care Recipient", "name", "in", OURS(w)]]),
		},
	)
	if want is None:
		assert group.status_code == 403 and report.status_code == 403
		return
	counts = {row["name"]: row["count"] for row in group.json()["message"]}
	assert counts.get(w.there, 0) == (1 if w.elsewhere.name in want else 0)
	assert counts.get(w.here, 0) == len(want - {w.elsewhere.name})
	message = report.json()["message"]
	rows = {row[0] for row in message.get("values", [])} if message else set()
	assert rows == want


@pytest.mark.parametrize("who", ROLES)
def test_export_leaves_out_childrens_files_and_is_for_administrators_only(w, who):
	response = client(w, who).post(
		"/api/method/frappe.desk.reportview.export_query",
		data={
			"doctype": "Care Recipient",
			"file_format_type": "CSV",
			"fields": json.dumps(["`tabCare Recipient`.`name`", "`tabCare Recipient`.`full_name`"]),
			"filters": json.dumps([["Care Recipient", "name", "in", OURS(w)]]),
		},
	)
	if who != "admin":
		assert response.status_code == 403, (who, response.status_code)
		return
	assert response.status_code == 200, response.text
	assert w.elder.name in response.text and w.elsewhere.name in response.text
	assert w.child.name not in response.text


def test_filtering_by_the_id_number_is_refused_over_rest(w):
	response = client(w, "secretary").get(
		RECIPIENT, params={"filters": json.dumps([["id_number", "=", w.child.id_number]])}
	)
	assert response.status_code == 403
	response = client(w, "admin").get(
		RECIPIENT, params={"filters": json.dumps([["id_number", "=", w.child.id_number]])}
	)
	assert {row["name"] for row in response.json()["data"]} == {w.child.name}


@pytest.mark.parametrize("who", ROLES)
def test_volunteers_see_only_their_task_with_the_minimum_fields(w, who):
	response = client(w, who).get("/api/resource/Care Visit", params={"limit_page_length": 0})
	if who in ("staff", "reviewer", "leader", "org_user"):
		assert response.status_code == 403
		return
	assert response.status_code == 200, response.text
	found = {row["name"] for row in response.json()["data"]}
	if who == "vol_user":
		assert found == {w.task.name}
		task = client(w, who).get(f"/api/resource/Care Visit/{w.task.name}").json()["data"]
		assert task["recipient_name"] and task["visit_address"] == "朝阳路1号" and task["task"]
		assert "findings" not in task and "needs_raised" not in task and "emergency_note" not in task
		assert client(w, who).get(f"{RECIPIENT}/{w.child.name}").status_code == 403
		assert client(w, who).get("/api/resource/Care Assessment").status_code == 403
	elif who in ("admin", "secretary", "sw_user"):
		assert w.task.name in found
	else:
		assert w.task.name not in found


def test_every_read_is_logged_and_the_log_is_for_administrators_only(w):
	assert client(w, "sw_user").get(f"{RECIPIENT}/{w.elder.name}").status_code == 200
	frappe.db.rollback()
	rows = frappe.get_all(
		"Care File Access Log",
		{"care_recipient": w.elder.name, "user": w.sw_user},
		["access_type", "accessed_at", "request_path"],
	)
	assert rows and rows[0].access_type == "Read" and rows[0].accessed_at
	listed = frappe.get_all("Care File Access Log", {"user": w.sw_user, "access_type": "List"})
	assert listed
	for who in ("secretary", "sw_user", "reviewer", "staff"):
		assert client(w, who).get("/api/resource/Care File Access Log").status_code == 403
	response = client(w, "admin").get(
		"/api/resource/Care File Access Log",
		params={"filters": json.dumps({"care_recipient": w.elder.name}), "fields": json.dumps(["user"])},
	)
	assert w.sw_user in {row["user"] for row in response.json()["data"]}
