"""Service projects: 会签 on a leadership step, 委托 and 撤回 on the project's own trail, the approval
notice showing every vote, and the rules after an administrator renamed states (no state names in code).
"""

from __future__ import annotations

import frappe
import pytest
from factories import make_user
from frappe.utils import add_days, today
from projects_support import act, as_user, make_cast, set_threshold, state, workflow
from test_projects_concurrency import pending, race, world  # fixtures too
from test_projects_workflow import bring_to

from wuse_app.approvals import api as approvals_api
from wuse_app.approvals.engine import AlreadyVotedError, VotesPendingError
from wuse_app.projects.api import apply_review_action
from wuse_app.projects.approval import get_approval_trail
from wuse_app.setup.roles import LEADERSHIP_MEMBER, SUBDISTRICT_REVIEWER, WUSE_ADMINISTRATOR
from wuse_app.workflows.service_project import WORKFLOW_NAME

LEADERSHIP = "Pending Leadership Approval"


def set_mode(state_: str, mode: str, n: int) -> None:
	"""The Approve row's approval mode, as the administrator sets it in the Workflow form (written to
	the row directly: saving a Workflow clears every cached DocType, which costs each test seconds)."""
	for row in frappe.get_all(
		"Workflow Transition",
		filters={"parent": WORKFLOW_NAME, "state": state_, "action": "Approve"},
		pluck="name",
	):
		frappe.db.set_value("Workflow Transition", row, {"approval_mode": mode, "approvals_required": n})
	frappe.clear_document_cache("Workflow", WORKFLOW_NAME)


@pytest.fixture(scope="module")
def team(world):  # noqa: F811
	"""The committed cast of the concurrency tests and a second leadership member."""
	frappe.set_user("Administrator")
	second_leader = make_user(LEADERSHIP_MEMBER, first_name="第二位领导")
	frappe.db.commit()
	yield frappe._dict(world, second_leader=second_leader)
	frappe.db.rollback()
	projects = frappe.get_all("Service Project", filters={"community": world.cast.community}, pluck="name")
	frappe.db.delete(
		"Approval Vote", {"reference_doctype": "Service Project", "reference_name": ["in", projects or ["-"]]}
	)
	frappe.db.delete("Approval Delegation", {"delegator": world.cast.reviewer})
	frappe.delete_doc("User", second_leader, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture
def cast(team):
	frappe.db.set_single_value("Wuse Settings", "leadership_approval_threshold", 50000)
	set_mode(LEADERSHIP, "At least N", 2)
	c = team.cast
	c.second_leader = team.second_leader
	return c


def test_a_countersigned_leadership_step_needs_two_members_and_the_notice_shows_both(cast):
	project = cast.project(amount=80000)
	bring_to(cast, project.name, LEADERSHIP)
	with pytest.raises(VotesPendingError):  # Frappe's own endpoint cannot skip the count
		workflow(cast.leader, project.name, "Approve")
	with as_user(cast.leader):
		result = apply_review_action(project.name, "Approve", reason="同意，资金从严把关")
	assert result["moved"] is False and (result["votes"], result["needed"]) == (1, 2)
	assert state(project.name) == LEADERSHIP
	with as_user(cast.leader), pytest.raises(AlreadyVotedError):
		apply_review_action(project.name, "Approve")
	assert act(cast.second_leader, project.name, "Approve", reason="同意").workflow_state == "Approved"
	trail = get_approval_trail(project.name)
	votes = [(r.user, r.vote, r.reason) for r in trail if r.from_state == LEADERSHIP]
	assert votes == [(cast.leader, 1, "同意，资金从严把关"), (cast.second_leader, 0, "同意")]
	from print_support import render_print

	html = render_print("Service Project", project.name, "Project Approval Notice", as_pdf=False)
	assert "同意，资金从严把关" in html and "（会签）" in html and "第二位领导" in html
	assert "本项目尚未立项" not in html


def test_one_return_applies_at_once_on_a_countersigned_step(cast):
	project = cast.project(amount=80000)
	bring_to(cast, project.name, LEADERSHIP)
	act(cast.leader, project.name, "Approve")
	p = act(cast.second_leader, project.name, "Return for Revision", reason="预算明细不全")
	assert p.workflow_state == "Returned for Revision"
	# A new round: the earlier vote no longer counts.
	act(cast.staff, project.name, "Resubmit")
	act(cast.secretary, project.name, "Approve")
	act(cast.reviewer, project.name, "Approve")
	assert act(cast.leader, project.name, "Approve").workflow_state == LEADERSHIP


def test_withdrawal_and_delegation_on_a_project(cast):
	project = cast.project()
	act(cast.staff, project.name, "Submit for Review")
	with as_user(cast.staff):
		assert approvals_api.withdraw("Service Project", project.name, "预算要改")["state"] == "Draft"
	p = frappe.get_doc("Service Project", project.name)
	assert (p.approval_log[-1].action, p.approval_log[-1].user, p.approval_log[-1].reason) == (
		"Withdraw",
		cast.staff,
		"预算要改",
	)
	act(cast.staff, project.name, "Submit for Review")
	act(cast.secretary, project.name, "Approve")
	deputy = make_user(WUSE_ADMINISTRATOR)  # reads every project, holds no reviewer role
	with as_user(cast.reviewer):
		frappe.get_doc(
			{
				"doctype": "Approval Delegation",
				"delegator": cast.reviewer,
				"delegate": deputy,
				"from_date": today(),
				"to_date": add_days(today(), 1),
				"document_types": [{"document_type": "Service Project"}],
			}
		).insert()
	with as_user(deputy):
		info = approvals_api.form_actions("Service Project", project.name)
		assert (
			info["delegated"][0]["delegator"] == cast.reviewer
			and "Approve" in info["delegated"][0]["actions"]
		)
		apply_review_action(project.name, "Approve", reason="代为审核", on_behalf_of=cast.reviewer)
	assert frappe.get_roles(deputy) and SUBDISTRICT_REVIEWER not in frappe.get_roles(deputy)
	p = frappe.get_doc("Service Project", project.name)
	assert p.workflow_state == "Approved"
	assert (p.approval_log[-1].user, p.approval_log[-1].on_behalf_of) == (deputy, cast.reviewer)
	with as_user(cast.staff):  # decided: nothing to withdraw
		assert approvals_api.form_actions("Service Project", project.name)["can_withdraw"] is False


def test_renamed_states_keep_required_fields_money_and_the_approved_state(cast):
	"""The rules read the rows: Approved and Pending Completion Review renamed in the Workflow form."""
	from wuse_app.approvals.config import stage_of
	from wuse_app.domain import charity
	from wuse_app.venture.awards import project_approved_state

	renames = {"Approved": "已立项", "Pending Completion Review": "待结项评估"}
	for name in renames.values():
		if not frappe.db.exists("Workflow State", name):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": name}).insert()
	wf = frappe.get_doc("Workflow", WORKFLOW_NAME)
	for row in wf.states:
		row.state = renames.get(row.state, row.state)
	for t in wf.transitions:
		t.state, t.next_state = renames.get(t.state, t.state), renames.get(t.next_state, t.next_state)
	wf.save()
	assert project_approved_state() == "已立项"
	charity.check_project_allocatable("P", "已立项", stage=stage_of("Service Project", "已立项"))
	with pytest.raises(Exception, match="approved projects"):
		charity.check_project_allocatable("P", "Rejected", stage=stage_of("Service Project", "Rejected"))
	project = cast.project()
	bring_to(cast, project.name, "Pending Sub-district Review")
	assert act(cast.reviewer, project.name, "Approve").workflow_state == "已立项"
	act(cast.staff, project.name, "Start")
	with pytest.raises(frappe.ValidationError, match=r"(?i)outcome summary"):
		act(cast.staff, project.name, "Submit for Completion Review")


# --- race: two members approve a 会签 step at the same moment -----------------------------------------


@pytest.fixture
def countersigned_community_review():
	set_mode("Pending Community Review", "At least N", 2)
	frappe.db.commit()
	yield
	frappe.db.rollback()
	set_mode("Pending Community Review", "Any one", 0)
	frappe.db.commit()


@pytest.mark.commits
@pytest.mark.parametrize("hold", [0, 1])
def test_two_members_countersigning_at_once_make_exactly_one_move(
	world,  # noqa: F811
	pending,  # noqa: F811
	countersigned_community_review,
	hold,
):
	results = race(world, pending, "api", ("Approve", "Approve"), hold)
	assert [r["ok"] for r in results] == [True, True], results
	assert state(pending) == "Pending Sub-district Review"
	assert frappe.db.count("Approval Vote", {"reference_name": pending, "moved": 0}) == 1
	assert (
		frappe.db.count("Project Approval Log", {"parent": pending, "from_state": "Pending Community Review"})
		== 1
	)
