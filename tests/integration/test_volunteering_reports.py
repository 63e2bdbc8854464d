"""Reports: hours by community / category / month and the leaderboard equal the verified records."""

from __future__ import annotations

import frappe
import pytest
from factories import assign, make_community, make_service_record, make_user, make_volunteer
from frappe.desk.query_report import run as run_report
from frappe.utils import add_days, getdate, nowdate

from wuse_app.setup import roles as R
from wuse_app.volunteering.report.volunteer_leaderboard import volunteer_leaderboard
from wuse_app.volunteering.report.volunteer_service_hours import volunteer_service_hours

HOURS = "Volunteer Service Hours"
LEADERBOARD = "Volunteer Leaderboard"


def days_ago(n: int) -> str:
	return add_days(nowdate(), -n)


def verified_sum(**conditions) -> float:
	"""The reference: the sum of verified records, straight from the table."""
	filters = {"docstatus": 1, **conditions}
	return float(sum(frappe.get_all("Volunteer Service Record", filters=filters, pluck="hours")))


@pytest.fixture
def data():
	"""Two communities; verified, draft and cancelled records over two months and categories."""
	a, b = make_community(), make_community()
	va = [make_volunteer(a, full_name=name).name for name in ("张三", "李小龙")]
	vb = make_volunteer(b, full_name="欧阳娜娜").name
	make_service_record(va[0], hours=3, service_date=days_ago(1), service_category="Medical Care to Villages")
	make_service_record(va[0], hours=2.5, service_date=days_ago(40), service_category="Caring Visits")
	make_service_record(va[1], hours=4, service_date=days_ago(2), service_category="Caring Visits")
	make_service_record(va[1], hours=9, service_date=days_ago(3), submit=False)  # unverified
	make_service_record(va[1], hours=8, service_date=days_ago(4)).cancel()  # cancelled
	make_service_record(vb, hours=6, service_date=days_ago(1), service_category="Child Safety")
	return frappe._dict(a=a, b=b, va=va, vb=vb, since=days_ago(60))


def rows_by(group: str, key: str, **filters) -> dict[str, dict]:
	_columns, data, *_rest = volunteer_service_hours.execute({"group_by": group, **filters})
	return {row[key]: row for row in data}


def test_hours_by_community_equal_the_verified_records(data):
	rows = rows_by("Community", "community", from_date=data.since)
	assert rows[data.a]["hours"] == verified_sum(community=data.a) == 9.5
	assert rows[data.b]["hours"] == verified_sum(community=data.b) == 6
	assert rows[data.a]["records"] == 3 and rows[data.a]["volunteers"] == 2
	assert sum(row["hours"] for row in rows.values()) == verified_sum(service_date=[">=", data.since])


def test_hours_by_category_equal_the_verified_records(data):
	rows = rows_by("Service Category", "service_category", from_date=data.since, community=data.a)
	assert {category: row["hours"] for category, row in rows.items()} == {
		"Caring Visits": verified_sum(community=data.a, service_category="Caring Visits"),
		"Medical Care to Villages": 3,
	}
	assert rows["Caring Visits"]["hours"] == 6.5


def test_hours_by_month_equal_the_verified_records(data):
	rows = rows_by("Month", "month", from_date=data.since, community=data.a)
	expected: dict[str, float] = {}
	for record in frappe.get_all(
		"Volunteer Service Record",
		filters={"docstatus": 1, "community": data.a},
		fields=["service_date", "hours"],
	):
		month = getdate(record.service_date).strftime("%Y-%m")
		expected[month] = expected.get(month, 0) + record.hours
	assert {month: row["hours"] for month, row in rows.items()} == expected
	assert sum(expected.values()) == 9.5


def test_staff_see_only_their_community_in_the_report(data):
	staff = make_user(R.COMMUNITY_STAFF)
	assign(staff, data.b, R.COMMUNITY_STAFF)
	frappe.set_user(staff)
	result = run_report(HOURS, filters={"group_by": "Community", "from_date": data.since})
	communities = {row.get("community") for row in result["result"] if isinstance(row, dict)}
	assert communities - {None, "'Total'", "Total"} == {data.b}
	leaderboard = volunteer_leaderboard.execute({"from_date": data.since})[1]
	assert [row["volunteer"] for row in leaderboard] == [data.vb]


def test_portal_users_cannot_run_the_reports(data):
	frappe.set_user(make_user(R.VOLUNTEER))
	for report in (HOURS, LEADERBOARD):
		with pytest.raises(frappe.PermissionError):
			run_report(report, filters={"from_date": data.since})


def test_leaderboard_ranks_by_verified_hours_with_masked_names(data):
	_columns, rows = volunteer_leaderboard.execute({"from_date": data.since})
	mine = [row for row in rows if row["volunteer"] in {*data.va, data.vb}]
	by_volunteer = {row["volunteer"]: row for row in mine}
	assert by_volunteer[data.vb]["hours"] == verified_sum(volunteer=data.vb) == 6
	assert by_volunteer[data.va[0]]["hours"] == verified_sum(volunteer=data.va[0]) == 5.5
	assert by_volunteer[data.va[1]]["hours"] == verified_sum(volunteer=data.va[1]) == 4
	assert [by_volunteer[v]["masked_name"] for v in (data.vb, data.va[0], data.va[1])] == [
		"欧阳**",
		"张*",
		"李**",
	]
	ranked = sorted(mine, key=lambda row: row["rank"])
	assert [row["volunteer"] for row in ranked] == [data.vb, data.va[0], data.va[1]]
	for row in rows:
		assert set(row) == {"rank", "volunteer", "masked_name", "community", "star_level", "records", "hours"}
		assert not any(
			frappe.db.get_value("Volunteer", row["volunteer"], "full_name") == v for v in row.values()
		)


def test_leaderboard_of_one_community_and_ties(data):
	make_service_record(data.va[1], hours=1.5, service_date=days_ago(5))  # now 5.5 hours like 张三
	_columns, rows = volunteer_leaderboard.execute({"from_date": data.since, "community": data.a})
	assert [(row["rank"], row["hours"]) for row in rows] == [(1, 5.5), (1, 5.5)]
	assert sum(row["hours"] for row in rows) == verified_sum(community=data.a)
