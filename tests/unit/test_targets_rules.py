"""Work targets: indicator arithmetic per community and for the sub-district."""

from __future__ import annotations

import pytest

from wuse_app.domain import targets as t

TARGETS = t.Targets(
	service_coverage=100,
	workers_per_10k=18,
	certificate_ratio=15,
	orgs_per_urban_community=12,
	orgs_per_rural_community=6,
	charity_orgs_per_community=1,
	volunteer_ratio=22,
	station_coverage=100,
	demonstration_sites=1,
)


def by_key(results):
	return {r.key: r for r in results}


def test_a_community_that_meets_everything():
	facts = t.CommunityFacts(
		"朝阳", t.URBAN, resident_population=5355, volunteer_target=1178, has_social_work_office=True,
		has_volunteer_station=True, is_demonstration_site=True, community_workers=10,
		certified_community_workers=2, community_social_organizations=12, charity_organizations=1,
		verified_volunteers=1178,
	)  # fmt: skip
	results = by_key(t.community_indicators(facts, TARGETS))
	assert all(r.met for r in results.values())
	assert results[t.WORKERS_PER_10K].actual == pytest.approx(18.67, abs=0.01)
	assert results[t.CERTIFICATE_RATIO].actual == 20.0
	assert all(r.gap == 0 for r in results.values())


def test_an_empty_community_is_measured_not_met_and_never_divides_by_zero():
	results = by_key(t.community_indicators(t.CommunityFacts("空", t.URBAN), TARGETS))
	assert results[t.WORKERS_PER_10K].actual is None and not results[t.WORKERS_PER_10K].met
	assert results[t.WORKERS_PER_10K].gap is None
	assert results[t.CERTIFICATE_RATIO].actual is None
	assert results[t.SOCIAL_WORK_COVERAGE].actual == 0 and results[t.SOCIAL_WORK_COVERAGE].gap == 100
	assert results[t.COMMUNITY_ORGS].gap == 12
	# a zero volunteer target is met by zero volunteers
	assert results[t.VOLUNTEERS].met


def test_rural_communities_have_the_rural_organisation_target():
	results = by_key(
		t.community_indicators(t.CommunityFacts("桐坪", t.RURAL, community_social_organizations=6), TARGETS)
	)
	assert results[t.COMMUNITY_ORGS].target == 6 and results[t.COMMUNITY_ORGS].met


def test_subdistrict_totals():
	facts = [
		t.CommunityFacts("A", t.URBAN, 10_000, 2200, True, True, True, 20, 3, 14, 1, 2000),
		t.CommunityFacts("B", t.URBAN, 5_000, 1100, False, True, False, 5, 1, 10, 0, 1200),
		t.CommunityFacts("C", t.RURAL, 2_000, 440, True, False, False, 4, 0, 7, 2, 100),
	]
	results = by_key(t.subdistrict_indicators(facts, TARGETS))
	assert results[t.SOCIAL_WORK_COVERAGE].actual == pytest.approx(66.67)
	# urban workers 25 over urban residents 15,000
	assert results[t.WORKERS_PER_10K].actual == pytest.approx(16.67)
	# certified 4 of 29 workers (urban and rural)
	assert results[t.CERTIFICATE_RATIO].actual == pytest.approx(13.79)
	assert results[t.URBAN_COMMUNITY_ORGS].actual == 12 and results[t.URBAN_COMMUNITY_ORGS].met
	assert results[t.RURAL_COMMUNITY_ORGS].actual == 7 and results[t.RURAL_COMMUNITY_ORGS].met
	assert results[t.VOLUNTEERS].actual == 3300 and results[t.VOLUNTEERS].target == 3740
	assert results[t.VOLUNTEERS].gap == 440
	assert results[t.CHARITY_ORGS].actual == pytest.approx(66.67)
	assert results[t.STATION_COVERAGE].actual == pytest.approx(66.67)
	assert results[t.DEMONSTRATION_SITES].actual == 1 and results[t.DEMONSTRATION_SITES].met


def test_no_rural_row_without_rural_communities():
	results = by_key(t.subdistrict_indicators([t.CommunityFacts("A", t.URBAN)], TARGETS))
	assert t.RURAL_COMMUNITY_ORGS not in results and t.URBAN_COMMUNITY_ORGS in results


def test_every_indicator_has_a_label():
	facts = [t.CommunityFacts("A", t.URBAN), t.CommunityFacts("B", t.RURAL)]
	for result in t.subdistrict_indicators(facts, TARGETS) + t.community_indicators(facts[0], TARGETS):
		assert result.label


@pytest.mark.parametrize(
	"part,whole,scale,expected",
	[(1, 3, 100, 33.33), (0, 5, 100, 0.0), (5, 0, 100, None), (18, 10_000, 10_000, 18.0)],
)
def test_ratio(part, whole, scale, expected):
	assert t.ratio(part, whole, scale) == expected
