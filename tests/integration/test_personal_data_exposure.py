"""Masked stays masked: no field, endpoint, filter or log completes a resident ID a user may not read.

Issue: `500114********0025` plus the date of birth `1950-01-02` is `500114195001020025`; `get_count`
with an `id_number` filter confirmed a number; group-by counts, upper-case and expression sort orders
went round the filter guard. All over REST, as the hostile logged-in user would.
"""

from __future__ import annotations

import json
from datetime import date

import frappe
import pytest
from factories import (
	RestClient,
	assign,
	make_community,
	make_organization,
	make_user,
	make_volunteer,
	resident_id,
)

from wuse_app.domain.resident_id import compose_resident_id
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
	data.clients = {}
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


def client(world, who: str) -> RestClient:
	"""One logged-in session per user for the whole module."""
	if who not in world.clients:
		world.clients[who] = RestClient(world[who])
	return world.clients[who]


def birth_date(volunteer) -> str:
	return str(frappe.db.get_value("Volunteer", volunteer.name, "date_of_birth"))


# --- 1. date of birth and gender sit at the ID number's level --------------------------------------


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_birth_date_and_gender_do_not_complete_the_masked_id(world, who):
	response = client(world, who).get(
		"/api/resource/Volunteer",
		params={
			"fields": json.dumps(["name", "id_number_masked", "date_of_birth", "gender", "birth_year"]),
			"limit_page_length": 0,
		},
	)
	assert response.status_code == 200, response.text
	row = {r["name"]: r for r in response.json()["data"]}[world.mine.name]
	assert "date_of_birth" not in row and "gender" not in row
	assert row["birth_year"] == int(birth_date(world.mine)[:4])  # what staff see of the age
	assert birth_date(world.mine) not in response.text

	form = client(world, who).get(f"/api/resource/Volunteer/{world.mine.name}")
	assert form.status_code == 200
	assert form.json()["data"].get("date_of_birth") in (None, "")
	assert form.json()["data"].get("gender") in (None, "")
	assert birth_date(world.mine) not in form.text and world.mine.id_number not in form.text


def test_reviewer_reads_the_birth_date(world):
	body = client(world, "reviewer").get(f"/api/resource/Volunteer/{world.mine.name}").json()["data"]
	assert body["date_of_birth"] == birth_date(world.mine) and body["gender"] in ("Male", "Female")


def test_print_view_does_not_show_the_birth_date_to_staff(world):
	response = client(world, "staff").get(
		"/api/method/frappe.www.printview.get_html_and_style",
		params={"doc": "Volunteer", "name": world.mine.name, "print_format": "Standard"},
	)
	assert response.status_code == 200, response.text
	assert birth_date(world.mine) not in response.text
	assert world.mine.id_number not in response.text


def test_form_timeline_redacts_the_birth_date_and_gender():
	volunteer = make_volunteer(make_community(), id_number=compose_resident_id("500114", date(1950, 1, 2), 1))
	old_birth = str(volunteer.date_of_birth)
	volunteer.id_number = compose_resident_id("500114", date(1961, 7, 8), 2)  # born later, female
	volunteer.save(ignore_version=False)
	data = frappe.get_all(
		"Version", filters={"ref_doctype": "Volunteer", "docname": volunteer.name}, pluck="data"
	)
	blob = "".join(data)
	assert "date_of_birth" in blob and "gender" in blob  # the change is logged …
	assert old_birth not in blob and str(volunteer.date_of_birth) not in blob  # … without the values
	assert '"Female"' not in blob and '"Male"' not in blob


# --- 4. no endpoint filters, sorts, groups or counts on a hidden personal field --------------------

ID = "{id}"
PROBES = {
	"get_count with an ID": ("frappe.client.get_count", {"filters": [["id_number", "=", ID]]}),
	"get_count with a prefix": ("frappe.client.get_count", {"filters": [["id_number", "like", "5001%"]]}),
	"get_count dict filter": ("frappe.client.get_count", {"filters": {"id_number": ID}}),
	"get_count birth date": ("frappe.client.get_count", {"filters": {"date_of_birth": ["<", "1990-01-01"]}}),
	"get_list upper case": ("frappe.client.get_list", {"filters": [["ID_NUMBER", "=", ID]]}),
	"order_by upper case": ("frappe.client.get_list", {"order_by": "ID_NUMBER desc"}),
	"order_by expression": (
		"frappe.client.get_list",
		{"order_by": "case when `tabVolunteer`.id_number like '5001%' then 0 else 1 end"},
	),
	"group_by birth date": ("frappe.client.get_list", {"group_by": "date_of_birth", "fields": ["count(*)"]}),
	"field expression": ("frappe.client.get_list", {"fields": ["substr(id_number, 7, 8) as d"]}),
	"fields as filters": ("frappe.client.get_list", {"fields": [["id_number", "like", "5001%"]]}),
	"raw string filter": ("frappe.client.get_list", {"filters": ["id_number like '5001%'"]}),
	"get_value expression": ("frappe.client.get_value", {"fieldname": "left(id_number, 14)"}),
	"report view": ("frappe.desk.reportview.get", {"fields": ["name"], "filters": [["id_number", "=", ID]]}),
	"report view count": ("frappe.desk.reportview.get_count", {"filters": [["id_number", "=", ID]]}),
	"report view export": (
		"frappe.desk.reportview.export_query",
		{
			"fields": ["`tabVolunteer`.`name`"],
			"filters": [["gender", "=", "Male"]],
			"file_format_type": "CSV",
		},
	),
	"group-by count field": (
		"frappe.desk.listview.get_group_by_count",
		{"current_filters": [], "field": "date_of_birth"},
	),
	"group-by count filters": (
		"frappe.desk.listview.get_group_by_count",
		{"current_filters": [["Volunteer", "id_number", "like", "5001%"]], "field": "community"},
	),
	"sidebar stats": ("frappe.desk.reportview.get_stats", {"stats": ["gender"]}),
	"link search field": ("frappe.desk.search.search_link", {"txt": "5001", "searchfield": "id_number"}),
	"link search filters": (
		"frappe.desk.search.search_link",
		{"txt": "", "filters": {"id_number": ["like", "5001%"]}, "ignore_user_permissions": 1},
	),
	"link search filter_fields": (
		"frappe.desk.search.search_widget",
		{"txt": "", "filter_fields": ["date_of_birth"]},
	),
	"previous/next by a field": (
		"frappe.desk.form.utils.get_next",
		{"value": ID, "prev": 1, "sort_field": "id_number", "sort_order": "desc"},
	),
	"chart preview": (
		"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
		{
			"chart": {
				"chart_type": "Group By",
				"document_type": "Volunteer",
				"group_by_type": "Count",
				"group_by_based_on": "date_of_birth",
			}
		},
	),
}


def _params(world, args: dict) -> dict:
	params = {"doctype": "Volunteer"}
	for key, value in args.items():
		value = json.loads(json.dumps(value).replace(ID, world.mine.id_number))
		params[key] = value if isinstance(value, str | int) else json.dumps(value)
	return params


@pytest.mark.parametrize("probe", sorted(PROBES))
@pytest.mark.parametrize("who", ["staff", "leader", "portal"])
def test_no_endpoint_filters_on_a_hidden_personal_field(world, who, probe):
	method, args = PROBES[probe]
	response = client(world, who).get(f"/api/method/{method}", params=_params(world, args))
	assert response.status_code == 403, (probe, response.status_code, response.text[:300])
	assert world.mine.name not in response.text
	assert birth_date(world.mine) not in response.text


def test_rest_resource_refuses_an_upper_case_sort_on_the_id(world):
	response = client(world, "staff").get(
		"/api/resource/Volunteer", params={"order_by": "ID_NUMBER asc", "limit_page_length": 0}
	)
	assert response.status_code == 403


def test_reviewer_may_count_and_group_by_personal_fields(world):
	reviewer = client(world, "reviewer")
	for method, args in (
		PROBES["get_count with an ID"],
		PROBES["group-by count field"],
		PROBES["order_by upper case"],
	):
		response = reviewer.get(f"/api/method/{method}", params=_params(world, args))
		assert response.status_code == 200, (method, response.text[:300])
	count = reviewer.get(
		"/api/method/frappe.client.get_count", params=_params(world, PROBES["get_count with an ID"][1])
	)
	assert count.json()["message"] == 1


def test_staff_lists_filter_and_count_on_ordinary_fields(world):
	staff = client(world, "staff")
	count = staff.get(
		"/api/method/frappe.client.get_count",
		params={"doctype": "Volunteer", "filters": json.dumps({"community": world.here})},
	)
	assert count.status_code == 200 and count.json()["message"] == 1
	groups = staff.get(
		"/api/method/frappe.desk.listview.get_group_by_count",
		params={"doctype": "Volunteer", "current_filters": "[]", "field": "community"},
	)
	assert groups.status_code == 200
	assert {g["name"] for g in groups.json()["message"]} == {world.here}


def test_get_count_applies_permissions_and_community_scope(world):
	"""Frappe v15's frappe.client.get_count counts with no permission check at all."""
	assert client(world, "portal").get(
		"/api/method/frappe.client.get_count", params={"doctype": "Volunteer"}
	).status_code in (403, 417)
	count = client(world, "staff").get(
		"/api/method/frappe.client.get_count",
		params={"doctype": "Volunteer", "filters": json.dumps({"community": world.there})},
	)
	assert count.json()["message"] == 0


def test_link_search_ignoring_user_permissions_stays_in_the_community(world):
	response = client(world, "staff").get(
		"/api/method/frappe.desk.search.search_link",
		params={"doctype": "Volunteer", "txt": "", "ignore_user_permissions": 1, "page_length": 1000},
	)
	assert response.status_code == 200, response.text
	found = {row["value"] for row in response.json()["message"]}
	assert world.mine.name in found and world.theirs.name not in found
	assert world.mine.id_number not in response.text


def test_link_search_from_a_field_ignoring_user_permissions_stays_in_the_community(world):
	"""Venture Proposal's applicant organisation ignores User Permissions (judges read other organisations'
	proposals); searching organisations from it must not list every community's organisations."""
	mine, theirs = make_organization(community=world.here), make_organization(community=world.there)
	frappe.db.commit()
	try:
		response = client(world, "staff").get(
			"/api/method/frappe.desk.search.search_link",
			params={
				"doctype": "Social Organization",
				"reference_doctype": "Venture Proposal",
				"txt": "",
				"ignore_user_permissions": 1,
				"page_length": 1000,
			},
		)
		assert response.status_code == 200, response.text
		found = {row["value"] for row in response.json()["message"]}
		assert mine in found and theirs not in found
	finally:
		frappe.db.rollback()
		frappe.db.delete("Social Organization", {"name": ["in", [mine, theirs]]})
		frappe.db.commit()


# --- the duplicate message ------------------------------------------------------------------------


def test_duplicate_id_message_does_not_name_the_record_for_staff(world):
	response = client(world, "staff").post(
		"/api/resource/Volunteer",
		json={"full_name": "重复", "id_number": world.mine.id_number, "community": world.here},
	)
	assert response.status_code == 409, response.text[:300]
	assert world.mine.name not in response.text


def test_duplicate_id_message_names_the_record_for_those_who_read_ids(world):
	response = client(world, "reviewer").post(
		"/api/resource/Volunteer",
		json={"full_name": "重复", "id_number": world.mine.id_number, "community": world.here},
	)
	assert response.status_code == 409
	assert world.mine.name in response.text


# --- 7. reads of clear ID numbers are logged, for administrators' eyes only -----------------------


def read_logs(user: str, volunteer: str) -> list:
	frappe.db.rollback()  # see what the server committed
	return frappe.get_all(
		"Access Log",
		filters={"user": user, "export_from": "Volunteer", "reference_document": volunteer},
		fields=["method", "columns", "creation"],
	)


def test_opening_a_record_with_the_clear_id_is_logged(world):
	before = len(read_logs(world.reviewer, world.mine.name))
	assert client(world, "reviewer").get(f"/api/resource/Volunteer/{world.mine.name}").status_code == 200
	assert (
		client(world, "reviewer")
		.get(
			"/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "Volunteer", "name": world.mine.name},
		)
		.ok
	)
	logs = read_logs(world.reviewer, world.mine.name)
	assert len(logs) == before + 2
	assert {log.method for log in logs} == {"Read Personal Data"} and "id_number" in logs[0].columns


def test_opening_a_masked_record_is_not_logged(world):
	assert client(world, "staff").get(f"/api/resource/Volunteer/{world.mine.name}").status_code == 200
	assert read_logs(world.staff, world.mine.name) == []


@pytest.mark.parametrize("who", ["reviewer", "staff", "leader"])
def test_only_administrators_read_the_access_log(world, who):
	response = client(world, who).get("/api/resource/Access Log", params={"limit_page_length": 5})
	assert response.status_code == 403


def test_a_list_of_clear_ids_is_logged(world):
	frappe.db.rollback()
	before = frappe.db.count("Access Log", {"user": world.reviewer, "method": "List Personal Data"})
	response = client(world, "reviewer").get(
		"/api/resource/Volunteer",
		params={"fields": json.dumps(["name", "id_number"]), "limit_page_length": 5},
	)
	assert response.status_code == 200
	frappe.db.rollback()
	logs = frappe.get_all(
		"Access Log",
		filters={"user": world.reviewer, "method": "List Personal Data"},
		fields=["export_from", "columns"],
	)
	assert len(logs) == before + 1 and logs[0].export_from == "Volunteer" and logs[0].columns == "id_number"
	# Staff ask for the same and get no clear ID: nothing to log.
	client(world, "staff").get(
		"/api/resource/Volunteer", params={"fields": json.dumps(["name", "id_number"])}
	)
	frappe.db.rollback()
	assert not frappe.db.exists("Access Log", {"user": world.staff})
