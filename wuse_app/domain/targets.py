"""The work targets of the implementation plan (section 二), measured from aggregate counts.

The report gathers one `CommunityFacts` per community with SQL aggregates; these functions turn the
facts into indicator results (actual, target, gap, met) per community and for the whole sub-district.
Targets come from Wuse Settings (`Targets`), never from constants here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wuse_app.domain.errors import _

URBAN = "Urban"
RURAL = "Rural"

PERCENT = "%"
PER_10K = "per 10,000"
COUNT = "count"

# Indicator keys and their English labels (translated in the UI).
SOCIAL_WORK_COVERAGE = "social_work_coverage"
WORKERS_PER_10K = "community_workers_per_10k"
CERTIFICATE_RATIO = "certificate_holder_ratio"
COMMUNITY_ORGS = "community_social_organizations"
URBAN_COMMUNITY_ORGS = "community_social_organizations_urban"
RURAL_COMMUNITY_ORGS = "community_social_organizations_rural"
VOLUNTEERS = "registered_volunteers"
CHARITY_ORGS = "charity_organizations"
STATION_COVERAGE = "volunteer_station_coverage"
DEMONSTRATION_SITES = "demonstration_sites"

LABELS: dict[str, str] = {
	SOCIAL_WORK_COVERAGE: _("Social work service coverage"),
	WORKERS_PER_10K: _("Community workers per 10,000 residents"),
	CERTIFICATE_RATIO: _("Community workers holding a social work certificate"),
	COMMUNITY_ORGS: _("Community social organisations"),
	URBAN_COMMUNITY_ORGS: _("Community social organisations per urban community (average)"),
	RURAL_COMMUNITY_ORGS: _("Community social organisations per rural community (average)"),
	VOLUNTEERS: _("Real-name registered volunteers"),
	CHARITY_ORGS: _("Communities with a public welfare or charity organisation"),
	STATION_COVERAGE: _("Volunteer service station coverage"),
	DEMONSTRATION_SITES: _("Five-society demonstration sites"),
}

TOLERANCE = 1e-9


@dataclass(frozen=True)
class Targets:
	service_coverage: float  # %
	workers_per_10k: float
	certificate_ratio: float  # %
	orgs_per_urban_community: float
	orgs_per_rural_community: float
	charity_orgs_per_community: float
	volunteer_ratio: float  # % (used only where a community has no target of its own)
	station_coverage: float  # %
	demonstration_sites: float


@dataclass(frozen=True)
class CommunityFacts:
	community: str
	community_type: str
	resident_population: int = 0
	volunteer_target: int = 0
	has_social_work_office: bool = False
	has_volunteer_station: bool = False
	is_demonstration_site: bool = False
	community_workers: int = 0
	certified_community_workers: int = 0
	community_social_organizations: int = 0
	charity_organizations: int = 0
	verified_volunteers: int = 0


@dataclass(frozen=True)
class IndicatorResult:
	key: str
	actual: float | None
	target: float
	unit: str

	@property
	def label(self) -> str:
		return LABELS[self.key]

	@property
	def met(self) -> bool:
		return self.actual is not None and self.actual + TOLERANCE >= self.target

	@property
	def gap(self) -> float | None:
		"""How far the actual value is short of the target (0 when met; None when not measurable)."""
		if self.actual is None:
			return None
		return round(max(self.target - self.actual, 0.0), 2)


def ratio(part: float, whole: float, scale: float = 100.0) -> float | None:
	"""part / whole × scale, rounded to 2 places; None when there is nothing to divide by."""
	if not whole:
		return None
	return round(part / whole * scale, 2)


def community_indicators(facts: CommunityFacts, targets: Targets) -> list[IndicatorResult]:
	"""The indicators of one community."""
	org_target = (
		targets.orgs_per_rural_community
		if facts.community_type == RURAL
		else targets.orgs_per_urban_community
	)
	return [
		IndicatorResult(
			SOCIAL_WORK_COVERAGE,
			100.0 if facts.has_social_work_office else 0.0,
			targets.service_coverage,
			PERCENT,
		),
		IndicatorResult(
			WORKERS_PER_10K,
			ratio(facts.community_workers, facts.resident_population, 10_000),
			targets.workers_per_10k,
			PER_10K,
		),
		IndicatorResult(
			CERTIFICATE_RATIO,
			ratio(facts.certified_community_workers, facts.community_workers),
			targets.certificate_ratio,
			PERCENT,
		),
		IndicatorResult(COMMUNITY_ORGS, float(facts.community_social_organizations), org_target, COUNT),
		IndicatorResult(VOLUNTEERS, float(facts.verified_volunteers), float(facts.volunteer_target), COUNT),
		IndicatorResult(
			CHARITY_ORGS, float(facts.charity_organizations), targets.charity_orgs_per_community, COUNT
		),
		IndicatorResult(
			STATION_COVERAGE, 100.0 if facts.has_volunteer_station else 0.0, targets.station_coverage, PERCENT
		),
	]


def subdistrict_indicators(facts: Sequence[CommunityFacts], targets: Targets) -> list[IndicatorResult]:
	"""The indicators for the whole sub-district (or for all communities the user may see)."""
	total = len(facts)
	urban = [f for f in facts if f.community_type != RURAL]
	rural = [f for f in facts if f.community_type == RURAL]
	workers = _sum(f.community_workers for f in facts)
	results = [
		IndicatorResult(
			SOCIAL_WORK_COVERAGE,
			ratio(sum(1 for f in facts if f.has_social_work_office), total),
			targets.service_coverage,
			PERCENT,
		),
		# 每万名城镇常住人口拥有社区工作者: urban communities' workers over urban residents
		IndicatorResult(
			WORKERS_PER_10K,
			ratio(
				_sum(f.community_workers for f in urban), _sum(f.resident_population for f in urban), 10_000
			),
			targets.workers_per_10k,
			PER_10K,
		),
		# 城乡社区工作者持社工证比例: urban and rural
		IndicatorResult(
			CERTIFICATE_RATIO,
			ratio(_sum(f.certified_community_workers for f in facts), workers),
			targets.certificate_ratio,
			PERCENT,
		),
	]
	if urban:
		results.append(
			IndicatorResult(
				URBAN_COMMUNITY_ORGS,
				ratio(_sum(f.community_social_organizations for f in urban), len(urban), 1),
				targets.orgs_per_urban_community,
				COUNT,
			)
		)
	if rural:
		results.append(
			IndicatorResult(
				RURAL_COMMUNITY_ORGS,
				ratio(_sum(f.community_social_organizations for f in rural), len(rural), 1),
				targets.orgs_per_rural_community,
				COUNT,
			)
		)
	results += [
		IndicatorResult(
			VOLUNTEERS,
			float(_sum(f.verified_volunteers for f in facts)),
			float(_sum(f.volunteer_target for f in facts)),
			COUNT,
		),
		IndicatorResult(
			CHARITY_ORGS,
			ratio(
				sum(1 for f in facts if f.charity_organizations >= targets.charity_orgs_per_community), total
			),
			100.0,
			PERCENT,
		),
		IndicatorResult(
			STATION_COVERAGE,
			ratio(sum(1 for f in facts if f.has_volunteer_station), total),
			targets.station_coverage,
			PERCENT,
		),
		IndicatorResult(
			DEMONSTRATION_SITES,
			float(sum(1 for f in facts if f.is_demonstration_site)),
			targets.demonstration_sites,
			COUNT,
		),
	]
	return results


def _sum(values: Iterable[int]) -> int:
	return sum(int(v or 0) for v in values)
