"""Fields an administrator adds with Customize Form reach REST, Data Import, list/report views, and — when
ticked in Wuse Settings → Added Fields — the portal application form and the "其他信息" print block, in the
order of Customize Form. Fields marked personal are at level 1 and masked in print and the change log.

Adding a column is DDL (MariaDB commits it), so the fields are made once for the module and removed after.
"""

from __future__ import annotations

import json

import frappe
import pytest
from factories import RestClient, make_charity_project, make_community, make_user, make_volunteer
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from print_support import render_print

from wuse_app.setup.roles import WUSE_ADMINISTRATOR
from wuse_app.wuse_setup.extra_fields import WEB_FORM, other_information

PROJECT = "Service Project"
# Added after the title; Customize Form puts 微信群 first. Wuse Settings lists them the other way round:
# the form's order is the one that counts.
FIELDS = {
	PROJECT: [
		{
			"fieldname": "custom_wechat_group",
			"label": "微信群",
			"fieldtype": "Data",
			"insert_after": "project_title",
		},
		{
			"fieldname": "custom_contact_phone",
			"label": "联系人电话",
			"fieldtype": "Data",
			"insert_after": "project_title",
		},
	],
	"Volunteer": [
		{"fieldname": "custom_shoe_size", "label": "鞋码", "fieldtype": "Data", "insert_after": "full_name"}
	],
	"Social Organization": [
		{
			"fieldname": "custom_office_hours",
			"label": "办公时间",
			"fieldtype": "Data",
			"insert_after": "organization_name",
		}
	],
	"Donation": [
		{"fieldname": "custom_campaign", "label": "募捐活动", "fieldtype": "Data", "insert_after": "fund"}
	],
	"Resident Need": [
		{"fieldname": "custom_floor", "label": "楼层", "fieldtype": "Data", "insert_after": "community"}
	],
}


@pytest.fixture(scope="module")
def added_fields(frappe_site):
	frappe.set_user("Administrator")
	create_custom_fields(FIELDS)
	frappe.db.commit()
	yield FIELDS
	frappe.db.rollback()
	for doctype, fields in FIELDS.items():
		for field in fields:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, force=True, ignore_permissions=True)
	settings = frappe.get_single("Wuse Settings")
	settings.set("field_options", [])
	settings.save(ignore_permissions=True)
	frappe.db.commit()


def tick(*rows: dict) -> None:
	settings = frappe.get_single("Wuse Settings")
	settings.set("field_options", [])
	for row in rows:
		settings.append("field_options", row)
	settings.save()


def test_the_added_fields_are_in_every_doctypes_meta_in_customize_form_order(added_fields):
	fieldnames = [df.fieldname for df in frappe.get_meta(PROJECT).fields]
	title = fieldnames.index("project_title")
	assert fieldnames[title + 1 : title + 3] == ["custom_wechat_group", "custom_contact_phone"]
	for doctype in ("Volunteer", "Social Organization", "Donation", "Resident Need"):
		assert frappe.get_meta(doctype).get_field(FIELDS[doctype][0]["fieldname"])


def test_the_added_field_is_in_list_and_report_queries(added_fields):
	project = make_charity_project(custom_wechat_group="朝阳助老群")
	rows = frappe.get_list(PROJECT, filters={"name": project}, fields=["name", "custom_wechat_group"])
	assert rows[0].custom_wechat_group == "朝阳助老群"
	from frappe.desk.reportview import execute

	report = execute(PROJECT, fields=["name", "custom_wechat_group"], filters={"name": project})
	assert report[0].custom_wechat_group == "朝阳助老群"


def test_the_added_field_is_in_the_data_import_template(added_fields):
	from frappe.core.doctype.data_import.exporter import Exporter

	for doctype, fields in FIELDS.items():
		exporter = Exporter(
			doctype, export_fields={doctype: ["name", fields[0]["fieldname"]]}, export_data=False
		)
		labels = [
			column.get("label") if isinstance(column, dict) else str(column)
			for column in exporter.get_csv_array()[0]
		]
		assert fields[0]["label"] in labels, (doctype, labels)


@pytest.mark.commits
def test_the_added_field_is_in_rest(added_fields):
	project = make_charity_project(state="Draft", custom_wechat_group="群力助老群")
	volunteer = make_volunteer(make_community(), custom_shoe_size="42")
	frappe.db.commit()
	try:
		client = RestClient("Administrator", "admin")
		response = client.get(f"/api/resource/{PROJECT}/{project}")
		assert response.status_code == 200, response.text
		assert response.json()["data"]["custom_wechat_group"] == "群力助老群"
		response = client.put(f"/api/resource/Volunteer/{volunteer.name}", json={"custom_shoe_size": "43"})
		assert response.status_code == 200, response.text
		frappe.db.rollback()
		assert frappe.db.get_value("Volunteer", volunteer.name, "custom_shoe_size") == "43"
	finally:
		frappe.delete_doc(PROJECT, project, force=True, ignore_permissions=True)
		frappe.delete_doc("Volunteer", volunteer.name, force=True, ignore_permissions=True)
		frappe.db.commit()


def test_ticked_fields_print_under_other_information_in_form_order(added_fields):
	tick(
		{"document_type": PROJECT, "field_name": "custom_contact_phone", "show_in_print": 1},
		{"document_type": PROJECT, "field_name": "custom_wechat_group", "show_in_print": 1},
	)
	project = make_charity_project(custom_wechat_group="朝阳助老群", custom_contact_phone="13800001111")
	html = render_print(PROJECT, project, "Service Project Application", as_pdf=False)
	block = html[html.index("其他信息") :]
	assert (
		block.index("微信群")
		< block.index("朝阳助老群")
		< block.index("联系人电话")
		< block.index("13800001111")
	)


def test_unticked_fields_are_not_printed(added_fields):
	tick()
	project = make_charity_project(custom_wechat_group="朝阳助老群")
	html = render_print(PROJECT, project, "Service Project Application", as_pdf=False)
	assert "其他信息" not in html and "朝阳助老群" not in html


def test_ticked_fields_appear_on_the_portal_form_after_its_own_fields(added_fields):
	tick(
		{"document_type": PROJECT, "field_name": "custom_contact_phone", "show_on_portal": 1},
		{"document_type": PROJECT, "field_name": "custom_wechat_group", "show_on_portal": 1},
	)
	rows = frappe.get_all(
		"Web Form Field", filters={"parent": WEB_FORM}, fields=["fieldname", "idx"], order_by="idx asc"
	)
	names = [row.fieldname for row in rows]
	assert names[-2:] == ["custom_wechat_group", "custom_contact_phone"]
	assert len(set(row.idx for row in rows)) == len(rows)
	tick()  # untick: the fields leave the form again
	names = frappe.get_all("Web Form Field", filters={"parent": WEB_FORM}, pluck="fieldname")
	assert "custom_wechat_group" not in names and "custom_contact_phone" not in names


def test_a_portal_field_is_saved_from_the_portal(added_fields):
	from factories import project_data
	from frappe.website.doctype.web_form.web_form import accept
	from projects_support import make_cast

	tick({"document_type": PROJECT, "field_name": "custom_wechat_group", "show_on_portal": 1})
	cast = make_cast()
	payload = {**project_data(cast.community, cast.organization), "custom_wechat_group": "门户填写的群"}
	payload.update({"doctype": PROJECT, "web_form_name": WEB_FORM})
	frappe.set_user(cast.portal_user)
	try:
		doc = accept(WEB_FORM, json.dumps(payload, default=str))
	finally:
		frappe.flags.in_web_form = False
		frappe.set_user("Administrator")
	assert frappe.db.get_value(PROJECT, doc.name, "custom_wechat_group") == "门户填写的群"


def test_a_field_of_another_doctype_cannot_go_on_the_portal_and_unknown_fields_are_refused(added_fields):
	with pytest.raises(frappe.ValidationError):
		tick({"document_type": "Volunteer", "field_name": "custom_shoe_size", "show_on_portal": 1})
	with pytest.raises(frappe.ValidationError, match="no field"):
		tick({"document_type": PROJECT, "field_name": "custom_missing", "show_in_print": 1})


def test_a_field_marked_personal_is_level_one_masked_in_print_and_in_the_change_log(added_fields):
	tick(
		{
			"document_type": PROJECT,
			"field_name": "custom_contact_phone",
			"show_in_print": 1,
			"personal_data": 1,
		},
		{"document_type": "Volunteer", "field_name": "custom_shoe_size", "personal_data": 1},
		{"document_type": "Resident Need", "field_name": "custom_floor", "personal_data": 1},
	)
	for doctype, fieldname in (
		(PROJECT, "custom_contact_phone"),
		("Volunteer", "custom_shoe_size"),
		("Resident Need", "custom_floor"),
	):
		assert frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": fieldname}, "permlevel") == 1
	project = frappe.get_doc(PROJECT, make_charity_project(custom_contact_phone="13800001111"))
	assert other_information(project) == [{"label": "联系人电话", "value": "1**********"}]
	html = render_print(PROJECT, project.name, "Service Project Application", as_pdf=False)
	assert "13800001111" not in html
	volunteer = make_volunteer(make_community(), custom_shoe_size="42")
	volunteer.custom_shoe_size = "43"
	volunteer.save(ignore_version=False)  # Frappe skips the change log in tests unless asked
	version = frappe.get_last_doc("Version", filters={"ref_doctype": "Volunteer", "docname": volunteer.name})
	changed = {row[0]: row[1:] for row in json.loads(version.data)["changed"]}
	assert changed["custom_shoe_size"] == ["**", "**"], "masked in the change log"


def test_a_field_marked_personal_is_hidden_from_who_cannot_read_level_one(added_fields):
	tick({"document_type": "Volunteer", "field_name": "custom_shoe_size", "personal_data": 1})
	from frappe.model import get_permitted_fields

	admin = make_user(WUSE_ADMINISTRATOR)
	assert "custom_shoe_size" in get_permitted_fields("Volunteer", user=admin)
	make_community()  # the field level holds for every role without level-1 read
	leader = make_user("Leadership Group Member")
	assert "custom_shoe_size" not in get_permitted_fields("Volunteer", user=leader)


# --- the approval layer: an added field belongs to the application ----------------------------------


def save_project(name: str, **values) -> None:
	doc = frappe.get_doc(PROJECT, name)
	doc.update(values)
	doc.save()


def test_an_added_project_field_is_editable_while_editing_and_locked_in_review_and_closed(added_fields):
	from wuse_app.projects.approval import LockedFieldError

	# Stages, not names: Draft and Returned for Revision are the seeded workflow's Editing states.
	for state in ("Draft", "Returned for Revision"):
		name = make_charity_project(state=state, custom_wechat_group="旧群")
		save_project(name, custom_wechat_group="新群")
		assert frappe.db.get_value(PROJECT, name, "custom_wechat_group") == "新群"
	for state in ("Pending Community Review", "Completed"):  # Review, Closed
		name = make_charity_project(state=state, custom_wechat_group="旧群")
		with pytest.raises(LockedFieldError, match="微信群"):
			save_project(name, custom_wechat_group="新群")


def test_the_administrators_workflow_row_decides_over_the_default_for_an_added_field(added_fields):
	from wuse_app.projects.approval import LockedFieldError
	from wuse_app.workflows.service_project import WORKFLOW_NAME

	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	for row in workflow.states:
		if row.state == "Pending Community Review":
			row.editable_fields = "custom_wechat_group"  # the reviewer may correct the group
		elif row.state == "Draft":
			row.editable_fields = "project_title, objectives"  # the applicant may not set it
	workflow.save()

	review = make_charity_project(state="Pending Community Review", custom_wechat_group="旧群")
	save_project(review, custom_wechat_group="审核时改的群")
	assert frappe.db.get_value(PROJECT, review, "custom_wechat_group") == "审核时改的群"
	with pytest.raises(LockedFieldError):
		save_project(review, custom_contact_phone="13800002222")
	draft = make_charity_project(state="Draft")
	with pytest.raises(LockedFieldError):
		save_project(draft, custom_wechat_group="草稿里的群")
	returned = make_charity_project(state="Returned for Revision")  # its row is blank: the default
	save_project(returned, custom_wechat_group="退回后补的群")
