"""The workflow is seeded once: an administrator's edits survive the app's seeding and `bench migrate`."""

from __future__ import annotations

import os
import subprocess
import sys

import frappe
import pytest

from wuse_app.setup.install import after_migrate
from wuse_app.workflows import ensure_default_workflows
from wuse_app.workflows.service_project import SERVICE_PROJECT_WORKFLOW, WORKFLOW_NAME

ADMIN_CONDITION = (
	'doc.requested_amount > float(frappe.db.get_value("Wuse Settings", "Wuse Settings", '
	'"leadership_approval_threshold") or 0) or doc.category == "Other"'
)


def edit_like_an_administrator() -> None:
	"""What an administrator might do in the Workflow form: reroute, add a transition, retitle."""
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	for transition in workflow.transitions:
		if transition.next_state == "Pending Leadership Approval":
			transition.condition = ADMIN_CONDITION
	workflow.append(
		"transitions",
		{
			"state": "Pending Community Review",
			"action": "Reject",
			"next_state": "Rejected",
			"allowed": "Wuse Administrator",
			"allow_self_approval": 0,
		},
	)
	for state in workflow.states:
		if state.state == "Returned for Revision":
			state.message = "请按退回理由修改后重新提交"
	workflow.send_email_alert = 0
	workflow.save()


def assert_edit_survived() -> None:
	frappe.clear_cache(doctype="Workflow")
	assert frappe.db.count("Workflow", {"document_type": "Service Project"}) == 1
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	assert workflow.is_active
	leadership = [t for t in workflow.transitions if t.next_state == "Pending Leadership Approval"]
	assert [t.condition for t in leadership] == [ADMIN_CONDITION]
	assert any(
		t.state == "Pending Community Review" and t.allowed == "Wuse Administrator"
		for t in workflow.transitions
	)
	assert len(workflow.transitions) == len(SERVICE_PROJECT_WORKFLOW.transitions) + 1
	assert (
		next(s.message for s in workflow.states if s.state == "Returned for Revision")
		== "请按退回理由修改后重新提交"
	)


def restore_default_workflow() -> None:
	frappe.delete_doc("Workflow", WORKFLOW_NAME, force=True, ignore_permissions=True)
	ensure_default_workflows()
	frappe.db.commit()
	frappe.clear_cache()


def test_admin_edit_survives_the_apps_migrate_hook():
	edit_like_an_administrator()
	after_migrate()
	assert_edit_survived()


def test_deactivated_workflow_stays_deactivated():
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	workflow.is_active = 0
	workflow.save()
	after_migrate()
	assert frappe.db.get_value("Workflow", WORKFLOW_NAME, "is_active") == 0
	assert frappe.db.count("Workflow", {"document_type": "Service Project"}) == 1


def test_missing_workflow_is_seeded_with_its_masters():
	frappe.delete_doc("Workflow", WORKFLOW_NAME, force=True, ignore_permissions=True)
	after_migrate()
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	assert len(workflow.transitions) == len(SERVICE_PROJECT_WORKFLOW.transitions)
	for state in SERVICE_PROJECT_WORKFLOW.states:
		assert frappe.db.exists("Workflow State", state.name)
	for action in SERVICE_PROJECT_WORKFLOW.actions():
		assert frappe.db.exists("Workflow Action Master", action)


@pytest.mark.commits
def test_admin_edit_survives_a_real_bench_migrate():
	edit_like_an_administrator()
	# Proof that migrate ran the app's seeding: a setting whose stored value is missing comes back.
	star_5 = frappe.db.get_single_value("Wuse Settings", "star_5_hours")
	frappe.db.delete("Singles", {"doctype": "Wuse Settings", "field": "star_5_hours"})
	frappe.db.commit()
	try:
		site, sites_path = os.environ["WUSE_TEST_SITE"], os.environ["WUSE_SITES_PATH"]
		result = subprocess.run(
			[
				sys.executable,
				"-m",
				"frappe.utils.bench_helper",
				"frappe",
				"--site",
				site,
				"migrate",
				"--skip-search-index",
			],
			cwd=sites_path,
			capture_output=True,
			text=True,
			timeout=900,
		)
		assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
		assert "Migrating " + site in result.stdout
		frappe.db.rollback()  # a fresh snapshot: read what migrate left
		assert frappe.db.get_value(
			"Singles", {"doctype": "Wuse Settings", "field": "star_5_hours"}, "value", order_by=None
		)
		assert_edit_survived()
	finally:
		frappe.db.rollback()
		frappe.db.set_single_value("Wuse Settings", "star_5_hours", star_5)
		restore_default_workflow()
