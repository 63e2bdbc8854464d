"""Volunteer service records on a real site: hour rules, verification, derived totals and star levels,
self-reporting and who sees what."""

from __future__ import annotations

import frappe
import pytest
from factories import (
	assign,
	make_community,
	make_organization,
	make_service_record,
	make_user,
	make_volunteer,
	make_volunteer_activity,
)
from frappe.utils import add_days, nowdate

from wuse_app.domain.volunteering import SERVICE_CATEGORIES
from wuse_app.setup import roles as R
from wuse_app.volunteering.api import report_my_hours


def days_ago(n: int) -> str:
	return add_days(nowdate(), -n)


def volunteer_figures(name: str) -> tuple[float, int, float]:
	values = frappe.db.get_value(
		"Volunteer", name, ["total_service_hours", "star_level", "time_bank_balance"], as_dict=True
	)
	return float(values.total_service_hours), int(values.star_level), float(values.time_bank_balance)


def set_settings(**values) -> None:
	settings = frappe.get_single("Wuse Settings")
	settings.update(values)
	settings.save()


@pytest.fixture
def community():
	return make_community()


@pytest.fixture
def volunteer(community):
	return make_volunteer(community).name


@pytest.fixture
def staff(community):
	user = make_user(R.COMMUNITY_STAFF)
	assign(user, community, R.COMMUNITY_STAFF)
	return user


def portal_volunteer(community) -> tuple[str, str]:
	"""A portal user with the Volunteer role and the Volunteer record linked to it."""
	user = make_user(R.VOLUNTEER)
	return user, make_volunteer(community, user=user).name


SEED_TERMS = {
	"Medical Care to Villages": "送医进村",
	"Bathing Assistance": "送浴进院",
	"Safe Mobility": "送踪进坝",
	"Caring Visits": "送爱进门",
	"Cultural Activities": "送悦进寨",
	"Supplies Delivery": "送需进家",
	"Child Protection Network": "童网",
	"Child Moral Education": "童德",
	"Child Mental Health": "童心",
	"Child Companionship": "童伴",
	"Child Safety": "童安",
	"Community Governance": "社区治理",
	"Emergency": "应急服务",
	"Other": "其他",
}


def test_service_categories_are_the_seed_terms_in_chinese():
	"""The seeded Service Category masters carry the seed's terms, in zh; both doctypes link to them."""
	for doctype in ("Volunteer Activity", "Volunteer Service Record"):
		field = frappe.get_meta(doctype).get_field("service_category")
		assert (field.fieldtype, field.options) == ("Link", "Service Category")
	assert set(SERVICE_CATEGORIES) == set(SEED_TERMS)
	assert set(SEED_TERMS) <= set(frappe.get_all("Service Category", pluck="name"))
	assert {category: frappe._(category, lang="zh") for category in SEED_TERMS} == SEED_TERMS


def test_the_hours_report_filter_offers_the_same_categories():
	from pathlib import Path

	import wuse_app

	script = (
		Path(wuse_app.__file__).parent
		/ "volunteering/report/volunteer_service_hours/volunteer_service_hours.js"
	).read_text(encoding="utf-8")
	block = script.split('fieldname: "service_category"', 1)[1].split("}", 1)[0]
	assert 'fieldtype: "Link"' in block and 'options: "Service Category"' in block


def test_a_category_the_administrator_adds_is_usable_and_a_disabled_one_is_refused(community, volunteer):
	name = f"Repair Café {frappe.generate_hash(length=4)}"
	frappe.get_doc(
		{"doctype": "Service Category", "category_name": name, "project_category": "Other"}
	).insert()
	activity = make_volunteer_activity(community, service_category=name)
	record = make_service_record(volunteer, activity=activity.name, submit=False)
	assert record.service_category == name
	frappe.db.set_value("Service Category", name, "enabled", 0)
	with pytest.raises(frappe.ValidationError, match="is disabled"):
		make_volunteer_activity(community, service_category=name)
	make_service_record(volunteer, activity=activity.name, submit=False)  # the activity keeps it
	with pytest.raises(frappe.ValidationError):
		make_volunteer_activity(community, service_category="No Such Category")


# --- hour validations -----------------------------------------------------------------------------


def test_service_date_in_the_future_is_refused(volunteer):
	with pytest.raises(frappe.ValidationError, match="is in the future"):
		make_service_record(volunteer, service_date=add_days(nowdate(), 1), submit=False)


@pytest.mark.parametrize("hours", [0, -1, -0.5])
def test_zero_or_negative_hours_are_refused(volunteer, hours):
	with pytest.raises(frappe.ValidationError, match="must be more than 0"):
		make_service_record(volunteer, hours=hours, submit=False)
	assert not frappe.db.exists("Volunteer Service Record", {"volunteer": volunteer})


def test_one_record_of_more_than_24_hours_is_refused(volunteer):
	with pytest.raises(frappe.ValidationError, match="at most 24 hours"):
		make_service_record(volunteer, hours=25, submit=False)


def test_a_day_holds_at_most_24_hours_counting_drafts_and_verified_records(volunteer):
	make_service_record(volunteer, hours=10, service_date=days_ago(1))  # verified
	make_service_record(volunteer, hours=10, service_date=days_ago(1), submit=False)  # draft
	with pytest.raises(frappe.ValidationError, match=r"already has 20 h; 25 h exceeds 24 h a day"):
		make_service_record(volunteer, hours=5, service_date=days_ago(1), submit=False)
	make_service_record(volunteer, hours=4, service_date=days_ago(1))  # exactly 24
	make_service_record(volunteer, hours=5, service_date=days_ago(2))  # another day is free


def test_submitting_a_draft_does_not_count_it_twice(volunteer):
	draft = make_service_record(volunteer, hours=20, submit=False)
	draft.hours = 24
	draft.save()
	draft.submit()
	assert volunteer_figures(volunteer)[0] == 24


def test_cancelled_records_free_their_hours(volunteer):
	record = make_service_record(volunteer, hours=20)
	record.cancel()
	make_service_record(volunteer, hours=20)


def test_other_volunteers_do_not_share_the_daily_limit(community, volunteer):
	other = make_volunteer(community).name
	make_service_record(volunteer, hours=20)
	make_service_record(other, hours=20)


def test_hours_of_an_activity_fall_on_its_dates(community, volunteer):
	activity = make_volunteer_activity(community, days_ago=3)
	with pytest.raises(frappe.ValidationError, match="outside the activity's dates"):
		make_service_record(volunteer, activity=activity.name, service_date=days_ago(2))
	make_service_record(volunteer, activity=activity.name, service_date=days_ago(3))


def test_no_hours_for_a_cancelled_activity(community, volunteer):
	activity = make_volunteer_activity(community, status="Cancelled")
	with pytest.raises(frappe.ValidationError, match="was cancelled"):
		make_service_record(volunteer, activity=activity.name)


def test_record_takes_community_category_organiser_and_content_from_the_activity(volunteer):
	elsewhere = make_community()
	organization = make_organization(community=elsewhere)
	activity = make_volunteer_activity(
		elsewhere,
		service_category="Child Safety",
		organizer_type="Social Organization",
		organizer=organization,
	)
	record = make_service_record(volunteer, activity=activity.name, service_content="", submit=False)
	assert record.community == elsewhere
	assert record.service_category == "Child Safety"
	assert record.recording_organization == organization
	assert record.service_content == activity.service_content
	assert record.entry_source == "Recorded by Organiser"
	assert activity.organizer_name == frappe.db.get_value(
		"Social Organization", organization, "organization_name"
	)


def test_activity_organised_by_the_community_names_its_residents_committee(community):
	activity = make_volunteer_activity(community)
	assert activity.organizer_type == "Community"
	assert activity.organizer is None
	assert activity.organizer_name == f"{community}居民委员会"


def test_activity_rules(community):
	with pytest.raises(frappe.ValidationError, match="end before it starts"):
		make_volunteer_activity(
			community, start_datetime=f"{nowdate()} 10:00:00", end_datetime=f"{nowdate()} 09:00:00"
		)
	first, second = make_volunteer(community), make_volunteer(community)
	with pytest.raises(frappe.ValidationError, match="listed twice"):
		make_volunteer_activity(community, attendees=[{"volunteer": first.name}, {"volunteer": first.name}])
	with pytest.raises(frappe.ValidationError, match="room for only 1"):
		make_volunteer_activity(
			community, capacity=1, attendees=[{"volunteer": first.name}, {"volunteer": second.name}]
		)
	with pytest.raises(frappe.ValidationError, match="must be more than 0"):
		make_volunteer_activity(community, attendees=[{"volunteer": first.name, "hours": -2}])


# --- derived totals and star levels ---------------------------------------------------------------


def test_totals_star_level_and_balance_follow_submit_and_cancel(volunteer):
	set_settings(star_1_hours=2, star_2_hours=5, star_3_hours=50, star_4_hours=60, star_5_hours=70)
	assert volunteer_figures(volunteer) == (0, 0, 0)

	first = make_service_record(volunteer, hours=3, service_date=days_ago(2))
	assert volunteer_figures(volunteer) == (3, 1, 3)
	assert first.points == 3 and first.verified_by == "Administrator" and first.verified_on

	make_service_record(volunteer, hours=1.5, service_date=days_ago(1), submit=False)  # drafts never count
	assert volunteer_figures(volunteer) == (3, 1, 3)

	make_service_record(volunteer, hours=4.5, service_date=days_ago(3))
	assert volunteer_figures(volunteer) == (7.5, 2, 7.5)

	first.cancel()
	assert volunteer_figures(volunteer) == (4.5, 1, 4.5)


def test_points_per_hour_come_from_settings(volunteer):
	set_settings(points_per_hour=2.5)
	record = make_service_record(volunteer, hours=3)
	assert record.points == 7.5
	assert volunteer_figures(volunteer)[2] == 7.5


def test_changing_the_thresholds_re_derives_every_star_level(community, volunteer):
	other = make_volunteer(community).name
	make_service_record(volunteer, hours=8, service_date=days_ago(1))
	make_service_record(other, hours=1, service_date=days_ago(1))
	assert volunteer_figures(volunteer)[1] == 0

	set_settings(star_1_hours=1, star_2_hours=2, star_3_hours=4, star_4_hours=8, star_5_hours=16)
	assert volunteer_figures(volunteer)[1] == 4
	assert volunteer_figures(other)[1] == 1

	set_settings(star_1_hours=100, star_2_hours=300, star_3_hours=600, star_4_hours=1000, star_5_hours=1500)
	assert volunteer_figures(volunteer)[1] == 0
	assert volunteer_figures(other)[1] == 0


def test_a_stale_volunteer_form_cannot_overwrite_the_derived_figures(community, volunteer, staff):
	form = frappe.get_doc("Volunteer", volunteer)  # opened before the hours were verified
	make_service_record(volunteer, hours=6)
	frappe.set_user(staff)
	form.is_party_member = 1
	form.total_service_hours = 999  # read-only fields sent back by a form or over REST are ignored
	form.time_bank_balance = 999
	form.save()
	frappe.set_user("Administrator")
	assert volunteer_figures(volunteer) == (6, 0, 6)
	assert frappe.db.get_value("Volunteer", volunteer, "is_party_member") == 1


# --- verification: who may verify ----------------------------------------------------------------


def test_staff_verify_records_of_their_community(community, volunteer, staff):
	frappe.set_user(staff)
	record = make_service_record(volunteer, hours=2)
	assert record.docstatus == 1 and record.verified_by == staff


def test_nobody_verifies_their_own_hours(community, staff):
	own = make_volunteer(community, user=staff).name
	frappe.set_user(staff)
	record = make_service_record(own, hours=2, submit=False)
	with pytest.raises(frappe.PermissionError, match="cannot verify your own service hours"):
		record.submit()
	frappe.set_user("Administrator")
	assert volunteer_figures(own)[0] == 0


def test_staff_of_another_community_can_neither_record_nor_see(community, volunteer):
	record = make_service_record(volunteer, hours=2)
	outsider = make_user(R.COMMUNITY_STAFF)
	assign(outsider, make_community(), R.COMMUNITY_STAFF)
	frappe.set_user(outsider)
	assert not frappe.get_list("Volunteer Service Record", filters={"name": record.name})
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Volunteer Service Record", record.name).check_permission("read")
	with pytest.raises(frappe.PermissionError):
		make_service_record(volunteer, hours=1, community=community, submit=False)


def test_leadership_reads_but_cannot_record(volunteer):
	record = make_service_record(volunteer, hours=2)
	frappe.set_user(make_user(R.LEADERSHIP_MEMBER))
	assert frappe.get_list("Volunteer Service Record", filters={"name": record.name})
	with pytest.raises(frappe.PermissionError):
		make_service_record(volunteer, hours=1, submit=False)


# --- portal volunteers: own records only, self-reporting ------------------------------------------


def test_portal_volunteer_sees_only_their_own_records(community):
	user, own = portal_volunteer(community)
	other = make_volunteer(community).name
	mine = make_service_record(own, hours=2)
	theirs = make_service_record(other, hours=3)
	frappe.set_user(user)
	assert [r.name for r in frappe.get_list("Volunteer Service Record")] == [mine.name]
	assert {e.volunteer for e in frappe.get_list("Time Bank Entry", fields=["volunteer"])} == {own}
	frappe.get_doc("Volunteer Service Record", mine.name).check_permission("read")
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Volunteer Service Record", theirs.name).check_permission("read")
	assert not frappe.has_permission("Volunteer Service Record", "create")


def test_self_reported_hours_stay_unverified_until_an_organiser_verifies_them(community, staff):
	user, own = portal_volunteer(community)
	activity = make_volunteer_activity(community, days_ago=1)
	frappe.set_user(user)
	name = report_my_hours(activity.name, days_ago(1), 3, "帮老人测血压")
	record = frappe.get_doc("Volunteer Service Record", name)
	assert record.docstatus == 0  # unverified
	assert record.volunteer == own and record.entry_source == "Self-reported"
	assert record.owner == user and record.community == community
	with pytest.raises(frappe.PermissionError):
		record.submit()  # a volunteer cannot verify
	frappe.set_user("Administrator")
	assert volunteer_figures(own) == (0, 0, 0)

	frappe.set_user(staff)
	record = frappe.get_doc("Volunteer Service Record", name)
	record.submit()
	frappe.set_user("Administrator")
	assert volunteer_figures(own) == (3, 0, 3)


def test_self_reports_follow_the_same_rules(community):
	user, _own = portal_volunteer(community)
	activity = make_volunteer_activity(community)
	frappe.set_user(user)
	with pytest.raises(frappe.ValidationError, match="is in the future"):
		report_my_hours(activity.name, add_days(nowdate(), 1), 2)
	with pytest.raises(frappe.ValidationError, match="must be more than 0"):
		report_my_hours(activity.name, nowdate(), 0)
	report_my_hours(activity.name, nowdate(), 20)
	with pytest.raises(frappe.ValidationError, match="exceeds 24 h a day"):
		report_my_hours(activity.name, nowdate(), 5)


def test_only_linked_volunteers_may_self_report(community):
	activity = make_volunteer_activity(community)
	frappe.set_user(make_user(R.VOLUNTEER))  # not linked to a Volunteer record
	with pytest.raises(frappe.PermissionError, match="not linked to an active volunteer record"):
		report_my_hours(activity.name, nowdate(), 2)
	frappe.set_user(make_user(R.SOCIAL_ORGANIZATION_USER))
	with pytest.raises(frappe.PermissionError):
		report_my_hours(activity.name, nowdate(), 2)
