"""Fund allocations: balances across submit/cancel/amend, overspending, designated money, 募用分离."""

from __future__ import annotations

import frappe
import pytest
from factories import (
	make_allocation,
	make_charity_project,
	make_community,
	make_custodian,
	make_donation,
	make_fund,
	make_organization,
	make_user,
)

from wuse_app.setup import roles as R


def balances(fund: str) -> tuple[float, float, float]:
	return frappe.db.get_value(
		"Community Fund", fund, ["total_received", "total_allocated", "available_balance"]
	)


def amend(doc):
	amended = frappe.copy_doc(doc, ignore_no_copy=False)
	amended.docstatus = 0
	amended.amended_from = doc.name
	return amended


def set_separation(enabled: bool) -> None:
	frappe.db.set_single_value("Wuse Settings", "enforce_fund_separation", int(enabled))
	frappe.clear_document_cache("Wuse Settings", "Wuse Settings")


@pytest.fixture
def setting():
	yield
	frappe.clear_document_cache("Wuse Settings", "Wuse Settings")


# --- balance arithmetic -------------------------------------------------------------------------------


def test_allocation_balance_across_submit_cancel_amend():
	community = make_community()
	fund = make_fund(community)
	make_donation(fund, 10_000)
	project = make_charity_project(community)

	first = make_allocation(fund, project, 3000)
	assert balances(fund) == (10_000, 3000, 7000)
	second = make_allocation(fund, project, 2500.5)
	assert balances(fund) == (10_000, 5500.5, 4499.5)

	first.cancel()
	assert balances(fund) == (10_000, 2500.5, 7499.5)

	amended = amend(first)
	amended.amount = 7499.5
	amended.insert()
	assert balances(fund) == (10_000, 2500.5, 7499.5), "a draft allocation does not count"
	amended.submit()
	assert amended.name == f"{first.name}-1"
	assert balances(fund) == (10_000, 10_000, 0)
	second.cancel()
	amended.cancel()
	assert balances(fund) == (10_000, 0, 10_000)


def test_implementer_is_always_the_projects_applicant():
	community = make_community()
	applicant = make_organization(community=community)
	fund = make_fund(community)
	make_donation(fund, 100)
	project = make_charity_project(community, applicant)
	allocation = make_allocation(fund, project, 10, implementing_organization=make_organization())
	assert allocation.implementing_organization == applicant
	assert allocation.project_title == frappe.db.get_value("Service Project", project, "project_title")
	assert allocation.custodian_organization == frappe.db.get_value(
		"Community Fund", fund, "custodian_organization"
	)


# --- overspending ---------------------------------------------------------------------------------------


def test_overspend_is_refused_with_a_clear_message():
	community = make_community()
	fund = make_fund(community, fund_name=f"朝阳社区基金-{frappe.generate_hash(length=6)}")
	make_donation(fund, 1000)
	project = make_charity_project(community)
	make_allocation(fund, project, 700)
	draft = make_allocation(fund, project, 300.01, submit=False)
	assert draft.available_for_project == 300
	with pytest.raises(frappe.ValidationError) as error:
		draft.submit()
	message = str(error.value)
	assert f"Not enough money in fund {fund}: 300.00 yuan can go to project {project}" in message
	assert "this allocation is 300.01 yuan" in message
	assert balances(fund) == (1000, 700, 300)
	draft.reload()
	draft.amount = 300
	draft.submit()
	assert balances(fund) == (1000, 1000, 0)


def test_overspend_message_is_translated():
	community = make_community()
	fund = make_fund(community)
	project = make_charity_project(community)
	frappe.local.lang = "zh"
	with pytest.raises(frappe.ValidationError) as error:
		make_allocation(fund, project, 1)
	assert "基金" in str(error.value) and "0.00" in str(error.value)


def test_amount_must_be_positive():
	community = make_community()
	fund = make_fund(community)
	with pytest.raises(frappe.ValidationError, match="more than 0"):
		make_allocation(fund, make_charity_project(community), 0, submit=False)


def test_a_spent_donation_cannot_be_cancelled_until_its_allocation_is():
	community = make_community()
	fund = make_fund(community)
	donation = make_donation(fund, 1000)
	project = make_charity_project(community)
	allocation = make_allocation(fund, project, 600)
	with pytest.raises(frappe.ValidationError, match=r"600\.00 yuan short"):
		donation.cancel()
	assert frappe.db.get_value("Donation", donation.name, "docstatus") == 1
	assert balances(fund) == (1000, 600, 400)
	allocation.cancel()
	donation.reload()
	donation.cancel()
	assert balances(fund) == (0, 0, 0)


def test_cancelling_an_unspent_donation_is_allowed_when_enough_remains():
	community = make_community()
	fund = make_fund(community)
	first = make_donation(fund, 1000)
	make_donation(fund, 500)
	make_allocation(fund, make_charity_project(community), 500)
	first.cancel()
	assert balances(fund) == (500, 500, 0)


# --- designated money -------------------------------------------------------------------------------------


def test_designated_money_goes_only_to_its_project():
	community = make_community()
	fund = make_fund(community)
	target = make_charity_project(community)
	other = make_charity_project(community, state="In Progress")
	make_donation(fund, 1000)
	make_donation(fund, 5000, designated_project=target)
	assert balances(fund) == (6000, 0, 6000)

	with pytest.raises(frappe.ValidationError) as error:
		make_allocation(fund, other, 1000.01)
	assert "5,000.00 yuan is designated by donors to other projects" in str(error.value)
	make_allocation(fund, other, 1000)
	with pytest.raises(frappe.ValidationError, match=r"0\.00 yuan can go to project"):
		make_allocation(fund, other, 1)
	make_allocation(fund, target, 5000)
	assert balances(fund) == (6000, 6000, 0)


def test_designated_project_uses_its_own_money_first():
	community = make_community()
	fund = make_fund(community)
	target = make_charity_project(community)
	other = make_charity_project(community)
	make_donation(fund, 1000)
	make_donation(fund, 2000, designated_project=target)
	draft = make_allocation(fund, target, 2500, submit=False)
	assert draft.available_for_project == 3000
	draft.submit()  # 2000 designated + 500 undesignated
	with pytest.raises(frappe.ValidationError, match=r"500\.00 yuan can go to project"):
		make_allocation(fund, other, 501)
	make_allocation(fund, other, 500)
	assert balances(fund) == (3000, 3000, 0)


def test_gifts_cannot_be_designated_to_rejected_or_completed_projects():
	community = make_community()
	fund = make_fund(community)
	for state in ("Rejected", "Completed"):
		with pytest.raises(frappe.ValidationError, match="can no longer be designated"):
			make_donation(fund, 10, designated_project=make_charity_project(community, state=state))
	make_donation(fund, 10, designated_project=make_charity_project(community, state="Draft"))


# --- project state, fund state -----------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["Approved", "In Progress"])
def test_allocation_to_approved_or_running_projects(state):
	community = make_community()
	fund = make_fund(community)
	make_donation(fund, 100)
	make_allocation(fund, make_charity_project(community, state=state), 100)


@pytest.mark.parametrize("state", ["Draft", "Pending Community Review", "Rejected", "Completed"])
def test_no_allocation_to_projects_not_approved(state):
	community = make_community()
	fund = make_fund(community)
	make_donation(fund, 100)
	with pytest.raises(frappe.ValidationError, match="only to approved projects or projects in progress"):
		make_allocation(fund, make_charity_project(community, state=state), 100, submit=False)


def test_project_state_is_checked_again_on_submit():
	community = make_community()
	fund = make_fund(community)
	make_donation(fund, 100)
	project = make_charity_project(community)
	draft = make_allocation(fund, project, 50, submit=False)
	frappe.db.set_value("Service Project", project, "workflow_state", "Rejected")
	with pytest.raises(frappe.ValidationError, match="approved projects"):
		draft.submit()


def test_closed_fund_allocates_nothing():
	community = make_community()
	fund = make_fund(community)
	make_donation(fund, 100)
	frappe.db.set_value("Community Fund", fund, "status", "Closed")
	with pytest.raises(frappe.ValidationError, match="closed"):
		make_allocation(fund, make_charity_project(community), 10)


# --- 募用分离 ----------------------------------------------------------------------------------------------


def test_separation_rule_on_refuses_the_custodian_as_implementer(setting):
	community = make_community()
	custodian = make_custodian(community)
	fund = make_fund(community, custodian)
	make_donation(fund, 1000)
	own_project = make_charity_project(community, applicant=custodian)
	set_separation(True)
	with pytest.raises(frappe.ValidationError, match="募用分离"):
		make_allocation(fund, own_project, 100)
	# Another implementer is fine.
	make_allocation(fund, make_charity_project(community), 100)


def test_separation_rule_off_lets_the_custodian_implement(setting):
	community = make_community()
	custodian = make_custodian(community)
	fund = make_fund(community, custodian)
	make_donation(fund, 1000)
	own_project = make_charity_project(community, applicant=custodian)
	set_separation(False)
	allocation = make_allocation(fund, own_project, 100)
	assert allocation.docstatus == 1
	assert balances(fund) == (1000, 100, 900)


def test_separation_rule_is_checked_again_on_submit(setting):
	community = make_community()
	custodian = make_custodian(community)
	fund = make_fund(community, custodian)
	make_donation(fund, 1000)
	set_separation(False)
	draft = make_allocation(fund, make_charity_project(community, applicant=custodian), 100, submit=False)
	set_separation(True)
	with pytest.raises(frappe.ValidationError, match="募用分离"):
		draft.submit()


# --- the project's form ------------------------------------------------------------------------------------


def test_project_funding_summary():
	from wuse_app.charity.project_funding import get_project_funding

	community = make_community()
	fund_a, fund_b = make_fund(community), make_fund(community)
	project = make_charity_project(community)
	make_donation(fund_a, 1000)
	make_donation(fund_a, 3000, designated_project=project)
	make_donation(fund_b, 500, designated_project=project)
	make_donation(
		fund_b,
		0,
		designated_project=project,
		donation_type="Goods",
		items=[{"item_name": "轮椅", "qty": 2, "unit": "台", "estimated_value": 1600}],
	)
	make_donation(fund_b, 400, designated_project=project, submit=False)
	make_allocation(fund_a, project, 3500)
	make_allocation(fund_b, project, 200)
	summary = get_project_funding(project)
	assert summary["designated"] == 3500
	assert summary["designated_in_kind_value"] == 1600
	assert summary["allocated"] == 3700
	assert summary["designated_available"] == 300
	expected = [
		{"fund": fund_a, "designated": 3000, "allocated": 3500, "designated_available": 0},
		{"fund": fund_b, "designated": 500, "allocated": 200, "designated_available": 300},
	]
	assert summary["funds"] == sorted(expected, key=lambda row: row["fund"])
	assert summary["follow_up"] is None, "an approved project may still take the 300"

	frappe.db.set_value("Service Project", project, "workflow_state", "Completed", update_modified=False)
	assert "refund" in get_project_funding(project)["follow_up"], "300 designated and left unspent"


def test_project_funding_needs_read_permission_on_the_project():
	from wuse_app.charity.project_funding import get_project_funding

	project = make_charity_project()
	frappe.set_user(make_user(R.VOLUNTEER))
	with pytest.raises(frappe.PermissionError):
		get_project_funding(project)


def test_project_connections_list_donations_and_allocations():
	frappe.clear_cache(doctype="Service Project")
	data = frappe.get_meta("Service Project").get_dashboard_data()
	items = {item for group in data.transactions for item in group["items"]}
	assert {"Donation", "Fund Allocation"} <= items
	assert data.non_standard_fieldnames["Donation"] == "designated_project"
	assert data.non_standard_fieldnames["Fund Allocation"] == "service_project"


def test_project_form_includes_the_funding_script():
	from frappe.desk.form.meta import get_meta

	script = get_meta("Service Project", cached=False).get("__js") or ""
	assert "wuse_app.charity.project_funding.get_project_funding" in script
