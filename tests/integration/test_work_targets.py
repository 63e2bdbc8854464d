"""Work Targets report on a real site: hand-computed expectations, empty communities, settings changes, scope."""

from __future__ import annotations

import frappe
import pytest
from factories import (
	assign,
	make_community,
	make_organization,
	make_social_worker,
	make_sub_district,
	make_user,
	make_volunteer,
)

from wuse_app.registry.report.work_targets.work_targets import execute
from wuse_app.setup import roles as R


@pytest.fixture
def small_subdistrict():
	"""Two urban communities and one rural, one of them empty."""
	sub = make_sub_district()
	a = make_community(
		population=10_000,
		sub_district=sub,
		has_social_work_office=1,
		has_volunteer_station=1,
		is_demonstration_site=1,
	)
	b = make_community(population=5_000, sub_district=sub, volunteer_target=3)
	c = make_community(community_type="Rural", population=0, sub_district=sub)  # empty
	for i in range(20):
		make_social_worker(
			a,
			is_community_worker=1,
			qualification_level="Intermediate Social Worker" if i < 4 else "Not Qualified",
			certificate_number=f"C{i}" if i < 4 else None,
		)
	make_social_worker(a, is_community_worker=0)  # a station social worker: not a community worker
	make_social_worker(a, is_community_worker=1, status="Departed")  # gone: not counted
	for _ in range(12):
		make_organization(community=a)
	make_organization(
		community=a,
		organization_type="Social Group",
		registration_status="Filed",
		is_public_welfare_charity=1,
	)
	make_organization(community=a, status="Deregistered")
	for _ in range(3):
		make_volunteer(a, real_name_verified=1)
	make_volunteer(a, real_name_verified=0)  # not real-name verified
	make_volunteer(a, real_name_verified=1, status="Inactive")
	for _ in range(3):
		make_volunteer(b, real_name_verified=1)
	return frappe._dict(sub=sub, a=a, b=b, c=c)


def rows_by(data):
	out, current = {}, None
	for row in data:
		if row.get("indent") == 0:
			current = row.get("community") or "total"
			continue
		out[(current, row["indicator_key"])] = row
	return out


def test_hand_computed_expectations(small_subdistrict):
	s = small_subdistrict
	columns, data, _message, chart, summary = execute({"sub_district": s.sub})
	rows = rows_by(data)
	assert {c["fieldname"] for c in columns} >= {"scope", "indicator", "actual", "target", "gap", "result"}

	# community A
	assert rows[(s.a, "social_work_coverage")]["actual"] == 100 and rows[(s.a, "social_work_coverage")]["met"]
	assert rows[(s.a, "community_workers_per_10k")]["actual"] == 20.0  # 20 workers / 10,000
	assert rows[(s.a, "certificate_holder_ratio")]["actual"] == 20.0  # 4 of 20
	assert rows[(s.a, "community_social_organizations")]["actual"] == 12
	assert rows[(s.a, "community_social_organizations")]["met"]
	assert rows[(s.a, "charity_organizations")]["actual"] == 1
	assert rows[(s.a, "registered_volunteers")]["actual"] == 3
	assert rows[(s.a, "registered_volunteers")]["target"] == 2200  # 22 % of 10,000
	assert rows[(s.a, "registered_volunteers")]["gap"] == 2197

	# community B: volunteer target set by hand, met
	assert rows[(s.b, "registered_volunteers")]["actual"] == 3 and rows[(s.b, "registered_volunteers")]["met"]
	assert rows[(s.b, "community_workers_per_10k")]["actual"] == 0

	# community C: empty and rural
	assert rows[(s.c, "community_workers_per_10k")]["actual"] is None
	assert rows[(s.c, "community_workers_per_10k")]["result"] == "No data"
	assert rows[(s.c, "community_social_organizations")]["target"] == 6
	assert rows[(s.c, "registered_volunteers")]["actual"] == 0

	# whole sub-district
	assert rows[("total", "social_work_coverage")]["actual"] == pytest.approx(33.33)
	assert rows[("total", "community_workers_per_10k")]["actual"] == pytest.approx(13.33)  # 20 / 15,000 urban
	assert rows[("total", "certificate_holder_ratio")]["actual"] == 20.0
	assert rows[("total", "community_social_organizations_urban")]["actual"] == 6.0  # (12 + 0) / 2
	assert rows[("total", "community_social_organizations_rural")]["actual"] == 0
	assert rows[("total", "registered_volunteers")]["actual"] == 6
	assert rows[("total", "registered_volunteers")]["target"] == 2200 + 3 + 0
	assert (
		rows[("total", "demonstration_sites")]["actual"] == 1
		and rows[("total", "demonstration_sites")]["met"]
	)
	assert chart["data"]["labels"] == sorted([s.a, s.b, s.c])
	assert summary[0]["value"] == 3


def test_changed_target_in_settings_changes_the_result(small_subdistrict):
	s = small_subdistrict
	assert (
		not rows_by(execute({"sub_district": s.sub})[1])[(s.a, "community_workers_per_10k")]["target"] == 25
	)
	settings = frappe.get_single("Wuse Settings")
	settings.community_workers_per_10k_target = 25
	settings.social_orgs_per_urban_community_target = 13
	settings.save()
	rows = rows_by(execute({"sub_district": s.sub})[1])
	assert rows[(s.a, "community_workers_per_10k")]["target"] == 25
	assert not rows[(s.a, "community_workers_per_10k")]["met"]
	assert rows[(s.a, "community_social_organizations")]["target"] == 13
	assert not rows[(s.a, "community_social_organizations")]["met"]


def test_community_filter(small_subdistrict):
	s = small_subdistrict
	data = execute({"community": s.b})[1]
	assert {row.get("community") for row in data if row.get("indent") == 0} == {None, s.b}


def test_scoped_user_sees_only_their_community(small_subdistrict):
	s = small_subdistrict
	secretary = make_user()
	assign(secretary, s.b, R.COMMUNITY_SECRETARY)
	frappe.set_user(secretary)
	data = execute({"sub_district": s.sub})[1]
	communities = {row.get("community") for row in data if row.get("indent") == 0 and row.get("community")}
	assert communities == {s.b}
	rows = rows_by(data)
	assert rows[("total", "registered_volunteers")]["actual"] == 3  # only B's volunteers


def test_no_communities_gives_an_empty_report():
	columns, data, *_rest = execute({"sub_district": make_sub_district()})
	assert columns and data == []


def test_report_runs_through_the_desk_api(small_subdistrict):
	from frappe.desk.query_report import run

	result = run("Work Targets", filters={"sub_district": small_subdistrict.sub})
	assert result["result"] and result["chart"]
