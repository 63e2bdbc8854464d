"""Registry over HTTP (/api/resource, /api/method): scoping, masking and denials hold for REST clients too."""

from __future__ import annotations

import json

import frappe
import pytest
from factories import RestClient, assign, make_community, make_user, make_volunteer, resident_id

from wuse_app.setup import roles as R

pytestmark = pytest.mark.commits


@pytest.fixture(scope="module")
def world():
	frappe.set_user("Administrator")
	here, there = make_community(), make_community()
	data = frappe._dict(
		here=here,
		there=there,
		mine=make_volunteer(here, mobile="13800138000"),
		theirs=make_volunteer(there),
		staff=make_user(),
		reviewer=make_user(R.SUBDISTRICT_REVIEWER),
		leader=make_user(R.LEADERSHIP_MEMBER),
		portal=make_user(R.VOLUNTEER),
	)
	assign(data.staff, here, R.COMMUNITY_STAFF)
	frappe.db.commit()
	yield data
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for name in frappe.get_all("Community Assignment", {"user": data.staff}, pluck="name"):
		frappe.delete_doc("Community Assignment", name, force=True)
	for volunteer in frappe.get_all("Volunteer", {"community": ["in", [here, there]]}, pluck="name"):
		frappe.delete_doc("Volunteer", volunteer, force=True)
	for user in (data.staff, data.reviewer, data.leader, data.portal):
		frappe.delete_doc("User", user, force=True)
	for community in (here, there):
		frappe.delete_doc("Community", community, force=True)
	frappe.db.commit()


def names(response) -> set[str]:
	assert response.status_code == 200, response.text
	return {row["name"] for row in response.json()["data"]}


def test_rest_list_is_scoped_to_the_staff_users_community(world):
	client = RestClient(world.staff)
	found = names(client.get("/api/resource/Volunteer", params={"limit_page_length": 0}))
	assert world.mine.name in found and world.theirs.name not in found
	assert names(client.get("/api/resource/Community", params={"limit_page_length": 0})) == {world.here}


def test_rest_read_of_another_communitys_record_is_denied(world):
	response = RestClient(world.staff).get(f"/api/resource/Volunteer/{world.theirs.name}")
	assert response.status_code == 403


def test_rest_record_masks_the_id_number_for_staff(world):
	body = RestClient(world.staff).get(f"/api/resource/Volunteer/{world.mine.name}").json()["data"]
	assert body.get("id_number") in (None, "")
	assert body["id_number_masked"] == world.mine.id_number_masked
	assert body["mobile"] == "13800138000"  # staff of the community may call the volunteer


def test_rest_record_shows_the_id_number_to_the_reviewer(world):
	body = RestClient(world.reviewer).get(f"/api/resource/Volunteer/{world.mine.name}").json()["data"]
	assert body["id_number"] == world.mine.id_number


def test_rest_list_fields_are_filtered_for_leadership(world):
	response = RestClient(world.leader).get(
		"/api/resource/Volunteer",
		params={
			"fields": json.dumps(["name", "id_number", "mobile", "id_number_masked"]),
			"limit_page_length": 0,
		},
	)
	rows = {row["name"]: row for row in response.json()["data"]}
	row = rows[world.mine.name]
	assert "id_number" not in row and "mobile" not in row
	assert row["id_number_masked"] == world.mine.id_number_masked


def test_rest_cannot_probe_id_numbers_with_filters(world):
	"""Filtering on a field one cannot read must not reveal whether a number is registered."""
	response = RestClient(world.leader).get(
		"/api/resource/Volunteer",
		params={"filters": json.dumps([["id_number", "=", world.mine.id_number]]), "limit_page_length": 0},
	)
	assert response.status_code == 403
	response = RestClient(world.staff).get(
		"/api/method/frappe.client.get_value",
		params={
			"doctype": "Volunteer",
			"fieldname": "name",
			"filters": json.dumps({"id_number": world.mine.id_number}),
		},
	)
	assert response.status_code == 403
	assert world.mine.name not in response.text


def test_rest_reviewer_may_look_up_by_id_number(world):
	response = RestClient(world.reviewer).get(
		"/api/resource/Volunteer",
		params={"filters": json.dumps([["id_number", "=", world.mine.id_number]])},
	)
	assert names(response) == {world.mine.name}


def test_rest_create_in_another_community_is_denied(world):
	response = RestClient(world.staff).post(
		"/api/resource/Volunteer",
		json={"full_name": "越界", "id_number": resident_id(), "community": world.there},
	)
	assert response.status_code == 403
	assert not frappe.db.exists("Volunteer", {"full_name": "越界"})


def test_rest_bad_input_gets_a_clear_message_and_no_record(world):
	response = RestClient(world.staff).post(
		"/api/resource/Volunteer",
		json={"full_name": "坏号码", "id_number": "110105194912310021", "community": world.here},
	)
	assert response.status_code == 417
	messages = json.loads(response.json()["_server_messages"])
	text = " ".join(json.loads(m)["message"] for m in messages)
	assert "ID number" in text and "Traceback" not in response.text
	assert "exc" not in response.json() or "Traceback" not in response.json().get("exc", "")
	assert not frappe.db.exists("Volunteer", {"full_name": "坏号码"})


def test_rest_leader_cannot_update_and_portal_user_cannot_read(world):
	response = RestClient(world.leader).put(
		f"/api/resource/Volunteer/{world.mine.name}", json={"full_name": "改"}
	)
	assert response.status_code == 403
	response = RestClient(world.portal).get("/api/resource/Volunteer")
	assert response.status_code == 403
