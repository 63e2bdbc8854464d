"""Needs → projects (项目清单): a draft from open needs, the link both ways, and a completed project
resolving its needs and asking the residents for feedback."""

from __future__ import annotations

import frappe
import pytest
from factories import make_community, make_organization, make_service_project, make_user
from frappe.model.workflow import apply_workflow
from linkage_support import make_need

from wuse_app.domain import linkage as rules
from wuse_app.linkage import api
from wuse_app.setup import roles as R


@pytest.fixture
def needs():
	community = make_community()
	resident = make_user(R.RESIDENT)
	first = make_need(community, people_affected=2)
	frappe.db.set_value("Resident Need", first.name, "resident_user", resident)
	second = make_need(community, people_affected=3)
	return frappe._dict(community=community, names=[first.name, second.name], resident=resident)


def test_open_needs_prefill_a_project_draft(needs):
	draft = api.project_draft(needs.names)
	assert draft["community"] == needs.community
	assert draft["category"] == "Elderly Care"  # the Service Category's project category
	assert draft["beneficiary_count"] == 5
	assert all(name in draft["objectives"] for name in needs.names)
	other = make_need(make_community())
	with pytest.raises(frappe.ValidationError, match="one community and one category"):
		api.project_draft([needs.names[0], other.name])


def test_project_and_needs_link_both_ways_and_completion_resolves_them(needs):
	organization = make_organization(community=needs.community)
	project = make_service_project(community=needs.community, organization=organization)
	api.link_needs_to_project(project.name, needs.names)
	assert {frappe.db.get_value("Resident Need", n, "service_project") for n in needs.names} == {project.name}
	dashboard = frappe.get_meta("Service Project").get_dashboard_data()
	assert dashboard.fieldname == "service_project"
	assert any("Resident Need" in group["items"] for group in dashboard.transactions)
	assert sorted(
		frappe.get_list("Resident Need", {"service_project": project.name}, pluck="name")
	) == sorted(needs.names)
	with pytest.raises(frappe.ValidationError, match="already answered by project"):
		api.link_needs_to_project(project.name, needs.names[:1])
	# the project is completed: its needs resolve and the portal resident is asked to rate the service
	frappe.db.set_value(
		"Service Project",
		project.name,
		{
			"workflow_state": "Pending Completion Review",
			"outcome_summary": "为 12 位老人提供助餐 3 个月",
			"evaluation_score": 90,
			"evaluation_comments": "居民满意",
		},
	)
	frappe.set_user(make_user(R.SUBDISTRICT_REVIEWER))
	apply_workflow(frappe.get_doc("Service Project", project.name), "Accept Completion")
	frappe.set_user("Administrator")
	for name in needs.names:
		need = frappe.get_doc("Resident Need", name)
		assert need.status == rules.RESOLVED and need.workflow_state == rules.RESOLVED
		assert need.resolution == "为 12 位老人提供助餐 3 个月" and need.feedback_requested
	assert frappe.db.exists("Notification Log", {"for_user": needs.resident, "document_name": needs.names[0]})


def test_linking_needs_needs_write_on_the_project(needs):
	organization = make_organization(community=needs.community)
	project = make_service_project(community=needs.community, organization=organization)
	frappe.set_user(make_user(R.LEADERSHIP_MEMBER))
	with pytest.raises(frappe.PermissionError):
		api.link_needs_to_project(project.name, needs.names)
	with pytest.raises(frappe.PermissionError):
		api.project_draft(needs.names)
