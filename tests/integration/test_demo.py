"""The demo loader: idempotent, and 正阳街道 with the seed's volunteer targets."""

from __future__ import annotations

import frappe
import pytest

from wuse_app.setup.data_files import read_csv
from wuse_app.setup.demo import load_demo

SEED_TARGETS = {"朝阳社区": 1178, "群力社区": 1638, "桐坪社区": 1280, "积富社区": 2733, "团结社区": 366}


@pytest.fixture(scope="module")
def demo(shared_data) -> dict:
	"""The demo loaded once for the module (each test rolls back to it): a load takes a minute in CI."""
	return shared_data(lambda: load_demo(scale=0.02))


def test_demo_loads_twice_without_duplicates(demo):
	first = demo
	second = load_demo(scale=0.02)
	assert first == second
	assert first["Community"] >= 5 and first["Volunteer"] > 0
	# The loader reads the base dataset from fixtures/ (present in the bench's copy of the app).
	for row in read_csv("zhengyang", "social_organization.csv"):
		assert frappe.db.get_value("Social Organization", row["organization_name"], "uscc") == row["uscc"]


def test_demo_has_the_seed_targets(demo):
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


def test_demo_has_projects_in_every_state_and_work_for_each_reviewer_login(demo):
	from wuse_app.projects.demo import PROJECTS
	from wuse_app.workflows.service_project import SERVICE_PROJECT_WORKFLOW

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


def test_demo_has_care_files_with_consent_assessments_and_a_consultation(demo):
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
	# The elder's GB/T 42195 assessment (85 points) and the need raised from the child's visit (no name on it).
	assert any(f.latest_assessment_level == "能力轻度受损（轻度失能）" for f in files)
	need = frappe.get_all(
		"Resident Need", {"source_document_type": "Care Visit", "community": "朝阳社区"}, ["resident_name"]
	)
	assert need and not need[0].resident_name


# --- the demo load as a background job with progress (issue 19) ----------------------------------------


def capture_realtime(monkeypatch) -> list[tuple[str, dict, str | None]]:
	"""Every realtime event published (progress goes through frappe.realtime.publish_realtime)."""
	import frappe.realtime

	events = []

	def publish(event=None, message=None, room=None, user=None, **kwargs):
		events.append((event, message, user))

	monkeypatch.setattr(frappe.realtime, "publish_realtime", publish)
	monkeypatch.setattr(frappe, "publish_realtime", publish)
	return events


def test_demo_loads_in_a_background_job_with_progress_and_a_result(demo, monkeypatch):
	"""The request only enqueues the job (the test tier runs it at once); the user who started it sees the
	progress bar step by step, then the result."""
	from wuse_app.setup.demo_job import JOB_EVENT, start_demo_load

	events = capture_realtime(monkeypatch)
	assert start_demo_load(scale=0.02) == {"job_id": f"wuse_demo_load::{frappe.local.site}"}
	progress = [message for event, message, _user in events if event == "progress"]
	percents = [message["percent"] for message in progress]
	assert len(percents) >= 3 and percents == sorted(percents) and percents[-1] == 100
	assert {message["title"] for message in progress} == {"Loading demo data"}
	assert {user for event, _message, user in events if event in ("progress", JOB_EVENT)} == {"Administrator"}
	[result] = [message for event, message, _user in events if event == JOB_EVENT]
	assert result == {"status": "done", "summary": demo}  # loaded again: nothing added
	[shown] = [message for event, message, _user in events if event == "msgprint"]
	assert shown["indicator"] == "green" and shown["message"] == "The demo data is loaded."


def test_demo_job_ends_with_a_clear_error(monkeypatch):
	from wuse_app.setup import demo as demo_module
	from wuse_app.setup.demo_job import JOB_EVENT, start_demo_load

	def broken(ctx):
		frappe.throw("community.csv: row 3 has no community name")

	monkeypatch.setattr(demo_module, "load_registry", broken)
	events = capture_realtime(monkeypatch)
	with pytest.raises(frappe.ValidationError, match="row 3"):
		start_demo_load(scale=0.02)
	[result] = [message for event, message, _user in events if event == JOB_EVENT]
	assert result["status"] == "failed"
	assert result["message"] == (
		"The demo data could not be loaded: community.csv: row 3 has no community name. "
		"Nothing more was changed by this run."
	)
	assert not [event for event, _message, _user in events if event == "progress"]


def test_demo_job_is_for_administrators_and_a_sane_scale():
	from factories import make_user

	from wuse_app.setup.demo_job import start_demo_load

	with pytest.raises(frappe.ValidationError, match="at most 1"):
		start_demo_load(scale=5)
	frappe.set_user(make_user())
	with pytest.raises(frappe.PermissionError):
		start_demo_load(scale=0.02)


def test_demo_has_a_finished_venture_call_with_awards_and_an_open_one(demo):
	from wuse_app.venture.demo import FINISHED, OPEN_CALL

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
