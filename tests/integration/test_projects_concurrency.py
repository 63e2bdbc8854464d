"""Two reviewers act on the same project at the same moment: exactly one transition happens.

Each reviewer runs in its own process with its own database connection, on committed data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import frappe
import pytest
from factories import assign, make_user
from projects_support import act, commit_cast, remove_cast, remove_projects, state

from wuse_app.setup.roles import COMMUNITY_SECRETARY

pytestmark = pytest.mark.commits

WORKER = Path(__file__).with_name("projects_race_worker.py")


@pytest.fixture(scope="module")
def world():
	cast = commit_cast()
	second_secretary = make_user(COMMUNITY_SECRETARY)
	assign(second_secretary, cast.community, COMMUNITY_SECRETARY)
	frappe.db.commit()
	yield frappe._dict(cast=cast, second_secretary=second_secretary)
	remove_cast(cast)


@pytest.fixture
def pending(world):
	"""A committed project waiting for community review; removed afterwards."""
	project = world.cast.project()
	act(world.cast.staff, project.name, "Submit for Review")
	frappe.db.commit()
	yield project.name
	frappe.db.rollback()
	remove_projects([project.name])
	frappe.db.commit()


def race(world, project: str, mode: str, actions: tuple[str, str], hold: float, reasons=(None, None)):
	start_at = time.time() + 4
	site, sites_path = os.environ["WUSE_TEST_SITE"], os.environ["WUSE_SITES_PATH"]
	workers = []
	for user, action, reason in zip(
		(world.cast.secretary, world.second_secretary), actions, reasons, strict=True
	):
		args = {
			"site": site,
			"sites_path": sites_path,
			"user": user,
			"project": project,
			"action": action,
			"mode": mode,
			"start_at": start_at,
			"hold": hold,
			"reason": reason,
			"expected_state": "Pending Community Review",
		}
		workers.append(
			subprocess.Popen(
				[sys.executable, str(WORKER), json.dumps(args)],
				cwd=sites_path,
				stdout=subprocess.PIPE,
				stderr=subprocess.PIPE,
				text=True,
			)
		)
	results = []
	for worker in workers:
		out, err = worker.communicate(timeout=120)
		lines = [line for line in out.splitlines() if line.startswith("RESULT ")]
		assert lines, f"worker printed no result:\n{out}\n{err}"
		results.append(json.loads(lines[-1][len("RESULT ") :]))
	frappe.db.rollback()  # see what the workers committed
	return results


def transitions_from_review(project: str) -> int:
	return frappe.db.count(
		"Project Approval Log", {"parent": project, "from_state": "Pending Community Review"}
	)


@pytest.mark.parametrize("hold", [0, 2])
def test_two_approvals_at_once_make_one_transition(world, pending, hold):
	results = race(world, pending, "api", ("Approve", "Approve"), hold)
	assert sorted(r["ok"] for r in results) == [False, True], results
	[loser] = [r for r in results if not r["ok"]]
	assert loser["error"] == "ProjectChangedError", loser
	assert "already acted on this project" in loser["message"]
	assert state(pending) == "Pending Sub-district Review"
	assert transitions_from_review(pending) == 1
	assert frappe.db.count("Comment", {"reference_name": pending, "comment_type": "Workflow"}) == 2


def test_approve_and_reject_at_once_make_one_transition(world, pending):
	results = race(world, pending, "api", ("Approve", "Reject"), 2, reasons=(None, "预算不实"))
	assert sorted(r["ok"] for r in results) == [False, True], results
	assert state(pending) in ("Pending Sub-district Review", "Rejected")
	assert transitions_from_review(pending) == 1


def test_race_through_frappes_own_workflow_endpoint(world, pending):
	"""Without our endpoint (list view, REST): the row lock in save() serialises the reviewers and the
	second gets a clear message instead of a second transition."""
	results = race(world, pending, "workflow", ("Approve", "Approve"), 2)
	assert sorted(r["ok"] for r in results) == [False, True], results
	[loser] = [r for r in results if not r["ok"]]
	assert loser["error"] == "ProjectChangedError", loser
	assert "after you opened it" in loser["message"] and "Reload" in loser["message"]
	assert state(pending) == "Pending Sub-district Review"
	assert transitions_from_review(pending) == 1


# --- different projects at once (issue 19: parallel submits deadlocked on the trail's insert) -------

PARALLEL_PROJECTS = 8
# Two rounds in CI (48 parallel transitions); benchmarks/deadlock_proof runs 50 (WUSE_PARALLEL_ROUNDS=50).
PARALLEL_ROUNDS = int(os.environ.get("WUSE_PARALLEL_ROUNDS", "2"))


@pytest.fixture
def eight_projects(world):
	names = [world.cast.project().name for _ in range(PARALLEL_PROJECTS)]
	frappe.db.commit()
	yield names
	frappe.db.rollback()
	remove_projects(names)
	frappe.db.commit()


def drive(site: str, sites_path: str, project: str, steps, rounds: int, barrier, results: dict) -> None:
	"""One thread, its own site context and database connection: round after round it submits its
	project, then approves it, then returns it, each step at the same moment as the other threads
	(a barrier) and in its own committed transaction, as parallel requests do."""
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	frappe.local.lang = "en"  # as the test harness (conftest) does; the site itself speaks zh
	frappe.flags.in_test = True
	from wuse_app.projects.api import apply_review_action

	errors, actions = [], 0
	try:
		for round_ in range(rounds):
			for user, action, reason in steps:
				barrier.wait(timeout=120)
				frappe.set_user(user)
				if action is None:
					draft = frappe.db.get_value("Service Project", project, "workflow_state") == "Draft"
					action = "Submit for Review" if draft else "Resubmit"
				try:
					apply_review_action(project, action, reason=reason)
					frappe.db.commit()
					actions += 1
				except Exception as error:
					frappe.db.rollback()
					errors.append(f"round {round_} {action}: {type(error).__name__}: {error}")
	finally:
		results[project] = {"errors": errors, "actions": actions}
		frappe.destroy()


def test_eight_different_projects_submitted_and_approved_in_parallel_never_deadlock(world, eight_projects):
	"""Round after round all eight projects are submitted at the same moment, then approved, then
	returned (each its own transaction, like parallel requests): no error at all, and every action is in
	each project's trail exactly once."""
	import threading

	cast = world.cast
	steps = (
		(cast.staff, None, None),
		(cast.secretary, "Approve", None),
		(cast.reviewer, "Return for Revision", "请补充预算说明"),
	)
	site, sites_path = os.environ["WUSE_TEST_SITE"], os.environ["WUSE_SITES_PATH"]
	barrier = threading.Barrier(PARALLEL_PROJECTS)
	results: dict = {}
	threads = [
		threading.Thread(
			target=drive, args=(site, sites_path, project, steps, PARALLEL_ROUNDS, barrier, results)
		)
		for project in eight_projects
	]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(timeout=300)
	errors = [error for result in results.values() for error in result["errors"]]
	assert errors == [], f"{len(errors)} errors, first: {errors[:3]}"
	assert [results[p]["actions"] for p in eight_projects] == [3 * PARALLEL_ROUNDS] * PARALLEL_PROJECTS
	frappe.db.rollback()
	for project in eight_projects:
		assert frappe.db.count("Project Approval Log", {"parent": project}) == 3 * PARALLEL_ROUNDS
		assert state(project) == "Returned for Revision"
