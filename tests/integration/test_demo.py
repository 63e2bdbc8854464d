"""The demo loader: idempotent, and 正阳街道 with the seed's volunteer targets."""

from __future__ import annotations

import frappe

from wuse_app.setup.data_files import read_csv
from wuse_app.setup.demo import load_demo

SEED_TARGETS = {"朝阳社区": 1178, "群力社区": 1638, "桐坪社区": 1280, "积富社区": 2733, "团结社区": 366}


def test_demo_loads_twice_without_duplicates():
	first = load_demo(scale=0.02)
	second = load_demo(scale=0.02)
	assert first == second
	assert first["Community"] >= 5 and first["Volunteer"] > 0
	# The loader reads the base dataset from fixtures/ (present in the bench's copy of the app).
	for row in read_csv("zhengyang", "social_organization.csv"):
		assert frappe.db.get_value("Social Organization", row["organization_name"], "uscc") == row["uscc"]


def test_demo_has_the_seed_targets():
	load_demo(scale=0.02)
	targets = dict(
		frappe.get_all(
			"Community",
			filters={"sub_district": "正阳街道"},
			fields=["name", "volunteer_target"],
			as_list=True,
		)
	)
	assert targets == SEED_TARGETS
	assert sum(targets.values()) == 7195

	from wuse_app.registry.report.work_targets.work_targets import execute

	data = execute({"sub_district": "正阳街道"})[1]
	total = next(r for r in data if r.get("indicator_key") == "registered_volunteers")
	assert total["target"] == 7195


def test_demo_has_projects_in_every_state_and_work_for_each_reviewer_login():
	from wuse_app.projects.demo import PROJECTS
	from wuse_app.workflows.service_project import SERVICE_PROJECT_WORKFLOW

	load_demo(scale=0.02)
	titles = [project[0] for project in PROJECTS]
	states = frappe.get_all(
		"Service Project", filters={"project_title": ["in", titles]}, pluck="workflow_state"
	)
	assert set(states) == set(SERVICE_PROJECT_WORKFLOW.state_names())
	for state, community in (
		("Pending Community Review", "朝阳社区"),  # secretary.chaoyang@…
		("Pending Sub-district Review", None),  # reviewer@…
		("Pending Leadership Approval", None),  # leader@…
	):
		filters = {"project_title": ["in", titles], "workflow_state": state}
		if community:
			filters["community"] = community
		assert frappe.db.exists("Service Project", filters), (state, community)


def test_demo_has_care_files_with_consent_assessments_and_a_consultation():
	load_demo(scale=0.02)
	files = frappe.get_all(
		"Care Recipient",
		{"community": "朝阳社区"},
		["name", "consent_given", "is_child", "latest_assessment_level"],
	)
	assert len(files) >= 3 and all(f.consent_given for f in files)
	assert any(f.is_child and f.latest_assessment_level for f in files)
	assert frappe.db.count("Care Assessment") >= 2 and frappe.db.exists("Care Visit", {"status": "Completed"})
	consultation = frappe.get_all("Community Consultation", {"community": "朝阳社区"}, ["docstatus", "name"])
	assert consultation and consultation[0].docstatus == 1


def test_demo_has_a_finished_venture_call_with_awards_and_an_open_one():
	from wuse_app.venture.demo import FINISHED, OPEN_CALL

	load_demo(scale=0.02)
	finished = frappe.get_doc("Venture Call", {"call_title": FINISHED})
	assert finished.status == "Awarded" and finished.awarded_amount > 0
	proposals = frappe.get_all(
		"Venture Proposal", {"venture_call": finished.name}, ["status", "service_project", "final_score"]
	)
	assert {p.status for p in proposals} == {"Awarded", "Not Awarded"}
	assert all(p.final_score for p in proposals)
	assert all(p.service_project for p in proposals if p.status == "Awarded")
	assert frappe.db.count("Venture Score", {"venture_call": finished.name, "docstatus": 1}) == 6
	open_call = frappe.get_doc("Venture Call", {"call_title": OPEN_CALL})
	assert open_call.status == "Accepting Proposals"
	assert frappe.db.count("Venture Proposal", {"venture_call": open_call.name}) == 2
