"""In the browser, in Chinese: the administrator adds a review level and renames a state in the Workflow
form; a project waiting in the renamed state moves with it (no orphaned-state warning), a new project
passes through the new level, its applicant (who also holds the new level's role) cannot approve it
there, and the renamed state keeps its locks. No code knows these states.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from site_api import PASSWORD, SCREENSHOTS, URL, SiteApi, login, readme_image

WORKFLOW = "Service Project Approval"
NEW_STATE = "Pending Social Work Station Review"
RENAMED = "街道复核（改名）"
OLD_NAME = "Pending Sub-district Review"


@pytest.fixture
def restore_workflow(admin):
	"""The seeded workflow as it was, put back afterwards (the other browser tests use it). Projects the
	test left in a state the restored workflow no longer has are rejected first, through the edited
	workflow, so that the site can run the tier again."""
	original = admin.get("Workflow", WORKFLOW)
	projects: list[str] = []
	yield projects
	known = {row["state"] for row in original["states"]}
	for project in projects:
		state = admin.get("Service Project", project)["workflow_state"]
		if state not in known:
			admin.call(
				"wuse_app.projects.api.apply_review_action",
				project=project,
				action="Return for Revision" if state == NEW_STATE else "Reject",
				reason="浏览器测试结束，退出已删除的审核环节",
			)
	admin.session.put(
		f"{URL}/api/resource/Workflow/{WORKFLOW}",
		json={"states": original["states"], "transitions": original["transitions"]},
	).raise_for_status()


def setup_world(admin: SiteApi, uid: str) -> dict:
	sub = admin.insert("Sub District", sub_district_name=f"审批街道{uid}", office_name="正阳街道办事处")[
		"name"
	]
	community = admin.insert(
		"Community", community_name=f"审批{uid}社区", sub_district=sub, resident_population=4000
	)["name"]
	organization = admin.insert(
		"Social Organization",
		organization_name=f"审批{uid}社工服务中心",
		organization_type="Community Social Organization",
		registration_status="Filed",
		community=community,
	)["name"]
	people = {}
	for key, role, extra in (
		("applicant", "Community Staff", ("Social Worker",)),  # applies, and reviews at the new level
		("colleague", "Social Worker", ()),
		("secretary", "Community Secretary", ()),
	):
		people[key] = admin.user(f"{key}-{uid}@example.com", *extra)
		admin.insert("Community Assignment", user=people[key], community=community, role=role)
	for state in (NEW_STATE, RENAMED):
		if not admin.list("Workflow State", filters={"name": state}):
			admin.insert("Workflow State", workflow_state_name=state)
	return {"community": community, "organization": organization, **people}


def new_application(user: SiteApi, world: dict, title: str) -> str:
	return user.insert(
		"Service Project",
		project_title=title,
		applicant_organization=world["organization"],
		community=world["community"],
		category="Elderly Care",
		funding_source="Government Purchase of Service",
		beneficiary_count=30,
		start_date="2027-01-01",
		end_date="2027-06-30",
		objectives="为独居老人提供个案服务",
		budget_items=[{"description": "个案服务", "amount": 6000}],
	)["name"]


def test_a_review_level_added_in_the_workflow_form_holds_its_rules(page, admin, uid, restore_workflow):
	world = setup_world(admin, uid)
	applicant = SiteApi.login(world["applicant"], PASSWORD)
	secretary = SiteApi.login(world["secretary"], PASSWORD)
	# A project already waiting in the state the administrator is about to rename.
	waiting = new_application(applicant, world, f"待街道审核的项目{uid}")
	restore_workflow.append(waiting)
	applicant.call("wuse_app.projects.api.submit_application", project=waiting)
	secretary.call("wuse_app.projects.api.apply_review_action", project=waiting, action="Approve")
	assert admin.get("Service Project", waiting)["workflow_state"] == OLD_NAME
	login(page, "Administrator", "admin")
	page.goto(f"{URL}/app/workflow/{WORKFLOW}")
	expect(page.locator('.frappe-control[data-fieldname="states"]')).to_be_visible()
	# The administrator's edits in the form: a review level decided by Social Workers (stage Review),
	# reached from the community review, and the sub-district review renamed.
	page.evaluate(
		"""([NEW, RENAMED, OLD]) => {
			const frm = cur_frm;
			frm.doc.states.forEach((row) => { if (row.state === OLD) row.state = RENAMED; });
			frm.doc.transitions.forEach((t) => {
				if (t.state === OLD) t.state = RENAMED;
				if (t.next_state === OLD) t.next_state = RENAMED;
				if (t.state === "Pending Community Review" && t.action === "Approve") t.next_state = NEW;
			});
			frm.add_child("states", {state: NEW, doc_status: "0", allow_edit: "Social Worker", approval_stage: "Review"});
			frm.add_child("transitions", {state: NEW, action: "Approve", next_state: RENAMED,
				allowed: "Social Worker", allow_self_approval: 1});
			frm.add_child("transitions", {state: NEW, action: "Return for Revision",
				next_state: "Returned for Revision", allowed: "Social Worker", allow_self_approval: 1,
				reason_required: 1});
			frm.refresh_fields();
			frm.dirty();
		}""",
		[NEW_STATE, RENAMED, OLD_NAME],
	)
	page.keyboard.press("Control+s")
	expect(page.locator(".indicator-pill").filter(has_text=re.compile("已保存|未保存")).first).to_be_visible()
	page.wait_for_function("() => !cur_frm.is_dirty()")
	states = {row["state"]: row for row in admin.get("Workflow", WORKFLOW)["states"]}
	assert states[NEW_STATE]["approval_stage"] == "Review" and OLD_NAME not in states
	# The waiting project moved with its renamed state (saved without Frappe's orphaned-state warning).
	assert admin.get("Service Project", waiting)["workflow_state"] == RENAMED

	project = new_application(applicant, world, f"社工站个案服务{uid}")
	restore_workflow.append(project)
	applicant.call("wuse_app.projects.api.submit_application", project=project)
	secretary.call("wuse_app.projects.api.apply_review_action", project=project, action="Approve")
	assert admin.get("Service Project", project)["workflow_state"] == NEW_STATE

	# The applicant holds the new level's role, and Frappe's new row allows self-approval: refused.
	page.context.clear_cookies()
	login(page, world["applicant"])
	page.goto(f"{URL}/app/service-project/{project}")
	page.locator(
		".page-actions .actions-btn-group button, .page-actions button:has-text('操作')"
	).first.click()
	page.locator(".dropdown-menu.show").get_by_text("审核通过", exact=True).click()
	expect(page.locator(".modal.show").get_by_text(re.compile("您不能审核|不能对其作出决定"))).to_be_visible()
	assert admin.get("Service Project", project)["workflow_state"] == NEW_STATE

	# A colleague approves at the new level; the renamed state keeps its locks.
	SiteApi.login(world["colleague"], PASSWORD).call(
		"wuse_app.projects.api.apply_review_action", project=project, action="Approve"
	)
	assert admin.get("Service Project", project)["workflow_state"] == RENAMED
	response = applicant.session.put(
		f"{URL}/api/resource/Service Project/{project}", json={"project_title": "审批中改标题"}
	)
	assert response.status_code == 417, response.text
	trail = admin.get("Service Project", project)["approval_log"]
	assert [row["from_state"] for row in trail][-2:] == ["Pending Community Review", NEW_STATE]


def approve_in_the_form(page, project: str) -> None:
	"""The project form's 操作 menu → 审核通过, as a reviewer clicks it."""
	page.goto(f"{URL}/app/service-project/{project}")
	page.locator(
		".page-actions .actions-btn-group button, .page-actions button:has-text('操作')"
	).first.click()
	page.locator(".dropdown-menu.show").get_by_text("审核通过", exact=True).click()


def test_a_countersigned_leadership_step_set_in_the_workflow_form_needs_both_leaders(
	page, admin, uid, restore_workflow
):
	"""会签 without code: the administrator makes the leadership approval need two approvals in the
	Workflow form's transition row; the first leader's approval is recorded and the project waits,
	the second one's moves it."""
	world = setup_world(admin, uid)
	leaders = [admin.user(f"leader{i}-{uid}@example.com", "Leadership Group Member") for i in (1, 2)]
	reviewer = admin.user(f"reviewer-{uid}@example.com", "Sub-district Reviewer")
	threshold = admin.get("Wuse Settings", "Wuse Settings")["leadership_approval_threshold"]
	settings = f"{URL}/api/resource/Wuse Settings/Wuse Settings"
	admin.session.put(settings, json={"leadership_approval_threshold": 1000}).raise_for_status()
	try:
		login(page, "Administrator", "admin")
		page.goto(f"{URL}/app/workflow/{WORKFLOW}")
		expect(page.locator('.frappe-control[data-fieldname="transitions"]')).to_be_visible()
		page.evaluate(
			"""() => {
				const row = cur_frm.doc.transitions.find(
					(t) => t.state === "Pending Leadership Approval" && t.action === "Approve");
				frappe.model.set_value(row.doctype, row.name, "approval_mode", "At least N");
				frappe.model.set_value(row.doctype, row.name, "approvals_required", 2);
			}"""
		)
		page.keyboard.press("Control+s")
		page.wait_for_function("() => !cur_frm.is_dirty()")
		if SCREENSHOTS:  # the transition row as the administrator set it
			page.evaluate(
				"""() => {
					const row = cur_frm.doc.transitions.find(
						(t) => t.state === "Pending Leadership Approval" && t.action === "Approve");
					cur_frm.fields_dict.transitions.grid.grid_rows_by_docname[row.name].show_form();
				}"""
			)
			page.wait_for_timeout(1000)
			readme_image(page, "admin/workflow-countersign-row.png")

		applicant = SiteApi.login(world["applicant"], PASSWORD)
		project = new_application(applicant, world, f"领导小组会签项目{uid}")
		restore_workflow.append(project)
		applicant.call("wuse_app.projects.api.submit_application", project=project)
		for user in (world["secretary"], reviewer):
			SiteApi.login(user, PASSWORD).call(
				"wuse_app.projects.api.apply_review_action", project=project, action="Approve"
			)
		assert admin.get("Service Project", project)["workflow_state"] == "Pending Leadership Approval"

		page.context.clear_cookies()
		login(page, leaders[0])
		approve_in_the_form(page, project)
		expect(page.get_by_text("已记录您的同意：1/2")).to_be_visible()
		assert admin.get("Service Project", project)["workflow_state"] == "Pending Leadership Approval"

		page.context.clear_cookies()
		login(page, leaders[1])
		approve_in_the_form(page, project)
		expect(page.locator(".indicator-pill").filter(has_text="已批准").first).to_be_visible()
		assert admin.get("Service Project", project)["workflow_state"] == "Approved"
		# Both leaders are on the trail: the first one's vote, the second one's move.
		step = "Pending Leadership Approval"
		votes = admin.call("wuse_app.approvals.api.trail", doctype="Service Project", name=project)
		moves = admin.get("Service Project", project)["approval_log"]
		assert {row["user"] for row in votes if row["state"] == step} | {
			row["user"] for row in moves if row["from_state"] == step
		} == set(leaders)
	finally:
		admin.session.put(settings, json={"leadership_approval_threshold": threshold}).raise_for_status()
