"""The base dataset in fixtures/ is consistent: what the demo loader and the masters seeding read."""

from __future__ import annotations

from wuse_app.domain import registry
from wuse_app.domain.uscc import is_valid_uscc
from wuse_app.setup.data_files import FIXTURES, read_csv


def test_fixtures_sit_at_the_app_root_not_in_frappes_fixtures_folder():
	# wuse_app/fixtures/*.json would be force-imported by every migrate; these files must not be.
	assert FIXTURES.name == "fixtures" and (FIXTURES.parent / "pyproject.toml").exists()
	assert not (FIXTURES.parent / "wuse_app" / "fixtures").exists()


def test_the_plans_targets_follow_from_the_populations():
	targets = read_csv("zhengyang", "volunteer_targets.csv")
	populations = {
		row["community_name"]: int(row["resident_population"])
		for row in read_csv("zhengyang", "community.csv")
	}
	assert {row["community"]: int(row["resident_population"]) for row in targets} == populations
	for row in targets:
		assert registry.volunteer_target(int(row["resident_population"]), 22) == int(row["volunteer_target"])
	assert sum(int(row["volunteer_target"]) for row in targets) == 7195


def test_organisations_name_known_communities_masters_and_valid_credit_codes():
	communities = {row["community_name"] for row in read_csv("zhengyang", "community.csv")}
	organizations = read_csv("zhengyang", "social_organization.csv")
	names = [row["organization_name"] for row in organizations]
	assert len(names) == len(set(names))
	for row in organizations:
		assert row["community"] in communities | {None}
		assert row["uscc"] is None or is_valid_uscc(row["uscc"])
	areas = {row["service_area_name"] for row in read_csv("masters", "service_area.csv")}
	for row in read_csv("zhengyang", "social_organization_service_area.csv"):
		assert row["organization"] in names and row["service_area"] in areas
