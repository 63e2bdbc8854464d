"""Hostile input on every insert path: refused with a clear ValidationError, nothing stored (issue 12)."""

from __future__ import annotations

import frappe
import pytest
from factories import (
	assign,
	make_charity_project,
	make_community,
	make_donation,
	make_donor,
	make_fund,
	make_reward_item,
	make_service_project,
	make_user,
	make_volunteer,
	make_volunteer_activity,
)

from wuse_app.setup import roles as R

MISSING_VOLUNTEER = "VOL-99999999"


def record(volunteer: str, **values):
	return frappe.get_doc(
		{
			"doctype": "Volunteer Service Record",
			"volunteer": volunteer,
			"service_date": frappe.utils.nowdate(),
			"hours": 2,
			"service_category": "Caring Visits",
			"service_content": "探访",
			**values,
		}
	)


@pytest.fixture
def community():
	return make_community()


# --- 1. links ----------------------------------------------------------------------------------


def test_service_record_for_a_missing_volunteer_is_refused(community):
	with pytest.raises(frappe.LinkValidationError, match="VOL-99999999"):
		record(MISSING_VOLUNTEER, community=community).insert()
	assert not frappe.db.exists("Volunteer Service Record", {"volunteer": MISSING_VOLUNTEER})


def test_service_record_inserted_submitted_for_a_missing_volunteer_credits_nothing(community):
	doc = record(MISSING_VOLUNTEER, community=community, docstatus=1)
	with pytest.raises(frappe.LinkValidationError):
		doc.insert()
	assert not frappe.db.exists("Time Bank Entry", {"volunteer": MISSING_VOLUNTEER})


def test_links_are_checked_even_with_ignore_links(community):
	with pytest.raises(frappe.LinkValidationError):
		record(MISSING_VOLUNTEER, community=community).insert(ignore_links=True)


def test_points_redemption_for_a_missing_volunteer_is_refused(community):
	item = make_reward_item(community)
	doc = frappe.get_doc(
		{
			"doctype": "Points Redemption",
			"volunteer": MISSING_VOLUNTEER,
			"community": community,
			"reward_item": item,
			"qty": 1,
			"posting_date": frappe.utils.nowdate(),
		}
	)
	with pytest.raises(frappe.LinkValidationError):
		doc.insert()


def test_donation_to_a_missing_fund_or_from_a_missing_donor_is_refused(community):
	fund = make_fund(community)
	with pytest.raises(frappe.LinkValidationError):
		make_donation("FUND-NOPE-0001", submit=False)
	with pytest.raises(frappe.LinkValidationError):
		make_donation(fund, donor="DONOR-NOPE-0001", submit=False)


def test_fund_allocation_from_a_missing_fund_is_refused(community):
	project = make_charity_project(community)
	doc = frappe.get_doc(
		{"doctype": "Fund Allocation", "fund": "FUND-NOPE-0001", "service_project": project, "amount": 10}
	)
	with pytest.raises(frappe.LinkValidationError):
		doc.insert()


# --- 2. community of a service record --------------------------------------------------------


def test_staff_record_without_community_for_another_communitys_volunteer_is_refused(community):
	there = make_community()
	theirs = make_volunteer(there)
	staff = make_user()
	assign(staff, community, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	with pytest.raises(frappe.PermissionError):
		record(theirs.name).insert()
	frappe.set_user("Administrator")
	assert not frappe.db.exists("Volunteer Service Record", {"volunteer": theirs.name})


def test_staff_record_without_community_takes_the_volunteers_community(community):
	mine = make_volunteer(community)
	staff = make_user()
	assign(staff, community, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	doc = record(mine.name).insert()
	assert doc.community == community


# --- 3. values ---------------------------------------------------------------------------------


@pytest.mark.parametrize("hours", ["abc", "NaN", "nan", "inf", "1,5", "1e400", [1], {"a": 1}, 10**15])
def test_bad_hours_are_a_validation_error(community, hours):
	volunteer = make_volunteer(community)
	with pytest.raises(frappe.ValidationError):
		record(volunteer.name, hours=hours).insert()


@pytest.mark.parametrize("amount", ["abc", "NaN", "-inf", "1,5", {"x": 1}])
def test_bad_donation_amounts_are_a_validation_error(community, amount):
	fund = make_fund(community)
	with pytest.raises(frappe.ValidationError):
		make_donation(fund, amount=amount, submit=False)


@pytest.mark.parametrize("day", ["2026-02-30", "99999-01-01", "1000-01-01", "yesterday-ish", "2026-13-01"])
def test_impossible_dates_are_a_validation_error(community, day):
	volunteer = make_volunteer(community)
	with pytest.raises(frappe.ValidationError):
		record(volunteer.name, service_date=day).insert()


def test_a_megabyte_of_text_is_a_validation_error(community):
	volunteer = make_volunteer(community)
	with pytest.raises(frappe.ValidationError, match="too long"):
		record(volunteer.name, service_content="长" * 1_000_000).insert()


# --- 4. child rows, naming series, server-set fields, attachments -----------------------------


def test_update_with_an_unknown_child_row_is_refused(community):
	project = make_service_project(community=community)
	doc = frappe.get_doc("Service Project", project.name)
	rows = [row.as_dict() for row in doc.budget_items]
	rows[0]["name"] = "not-a-row-of-this-project"
	rows[0]["amount"] = 777
	doc.set("budget_items", rows)
	with pytest.raises(frappe.ValidationError, match="does not belong"):
		doc.save()


def test_naming_series_outside_the_options_is_refused(community):
	volunteer = make_volunteer(community)
	with pytest.raises(frappe.ValidationError, match="EVIL"):
		record(volunteer.name, naming_series="EVIL-.#####").insert()


def test_points_and_verifier_of_a_draft_are_set_by_the_server(community):
	volunteer = make_volunteer(community)
	doc = record(
		volunteer.name, points=999, verified_by="Administrator", verified_on="2020-01-01 00:00:00"
	).insert()
	assert (doc.points, doc.verified_by, doc.verified_on) == (0, None, None)


@pytest.mark.parametrize(
	"url", ["javascript:alert(1)", "../../../etc/passwd", "/files/../../secret", "/files/none.pdf"]
)
def test_attachment_must_be_a_file_of_the_site(community, url):
	with pytest.raises(frappe.ValidationError, match="not a file of this site"):
		make_service_project(community=community, application_document=url)


# --- 6. HTML -----------------------------------------------------------------------------------


def test_document_inserted_submitted_keeps_no_event_handlers(community):
	fund = make_fund(community)
	donor = make_donor(donor_name='好心人<img src=x onerror="alert(1)">')
	assert "onerror" not in donor.donor_name
	doc = make_donation(fund, purpose='<img src=x onerror="alert(1)">', submit=False)
	assert "onerror" not in (doc.purpose or "")
	inserted = frappe.get_doc(
		{
			"doctype": "Donation",
			"donor": donor.name,
			"fund": fund,
			"donation_type": "Money",
			"amount": 5,
			"payment_method": "Bank Transfer",
			"purpose": '<img src=x onerror="alert(1)">',
			"docstatus": 1,
		}
	).insert(ignore_permissions=True)
	assert "onerror" not in frappe.db.get_value("Donation", inserted.name, "purpose")


def test_json_filter_is_safe_inside_a_script_block():
	html = frappe.render_template(
		"<script>x = {{ value | json }};</script>", {"value": {"a": "</script><b>"}}
	)
	assert "</script><b>" not in html
	assert frappe.parse_json(html[len("<script>x = ") : -len(";</script>")]) == {"a": "</script><b>"}


# --- 5. volunteers and activities outside the user's scope (Low 7) --------------------------------


def yesterday() -> str:
	return frappe.utils.add_days(frappe.utils.nowdate(), -1)


def staff_of(community: str) -> str:
	staff = make_user()
	assign(staff, community, R.COMMUNITY_STAFF)
	return staff


def portal_volunteer(community: str):
	user = make_user(R.VOLUNTEER)
	volunteer = make_volunteer(community, user=user)
	return user, volunteer


def test_certificate_for_a_volunteer_of_another_community_is_refused(community):
	theirs = make_volunteer(make_community())
	frappe.set_user(staff_of(community))
	doc = frappe.get_doc(
		{
			"doctype": "Volunteer Service Certificate",
			"volunteer": theirs.name,
			"community": community,
			"issuer_type": "Community",
			"from_date": frappe.utils.add_days(frappe.utils.nowdate(), -30),
			"to_date": frappe.utils.nowdate(),
			"handler": "李经办",
		}
	)
	with pytest.raises(frappe.PermissionError):
		doc.insert()


def test_bulk_hours_for_a_volunteer_of_another_community_are_refused(community):
	from wuse_app.volunteering.api import record_activity_hours

	activity = make_volunteer_activity(community, days_ago=1)
	theirs = make_volunteer(make_community())
	frappe.set_user(staff_of(community))
	with pytest.raises(frappe.ValidationError):
		record_activity_hours(activity.name, attendees=[{"volunteer": theirs.name, "hours": 2}])
	frappe.set_user("Administrator")
	assert not frappe.db.exists("Volunteer Service Record", {"volunteer": theirs.name})


def test_volunteer_reports_hours_only_for_their_communitys_activities(community):
	from wuse_app.volunteering.api import report_my_hours

	elsewhere = make_volunteer_activity(make_community(), days_ago=1)
	here = make_volunteer_activity(community, days_ago=1)
	user, volunteer = portal_volunteer(community)
	frappe.set_user(user)
	with pytest.raises(frappe.PermissionError):
		report_my_hours(elsewhere.name, yesterday(), 1)
	name = report_my_hours(here.name, yesterday(), 1)
	assert frappe.db.get_value("Volunteer Service Record", name, "volunteer") == volunteer.name


def test_open_activities_are_those_of_the_volunteers_community_or_attended(community):
	from wuse_app.volunteering.api import my_open_activities

	user, volunteer = portal_volunteer(community)
	here = make_volunteer_activity(community, days_ago=1)
	elsewhere = make_volunteer_activity(make_community(), days_ago=1)
	attended = make_volunteer_activity(
		make_community(), days_ago=1, attendees=[{"volunteer": volunteer.name}]
	)
	frappe.set_user(user)
	names = {row.name for row in my_open_activities()}
	assert here.name in names and attended.name in names
	assert elsewhere.name not in names


def test_a_json_looking_comment_keeps_no_event_handler(community):
	"""Frappe's Comment sanitises always (`always_sanitize=True`): kept as a regression check."""
	volunteer = make_volunteer(community)
	comment = volunteer.add_comment("Comment", '["<img src=x onerror=alert(1)>"]')
	assert "onerror" not in frappe.db.get_value("Comment", comment.name, "content")
