"""Registry rules: volunteer targets, registration and credit codes, party building, qualifications."""

from __future__ import annotations

from datetime import date

import pytest

from wuse_app.domain import registry
from wuse_app.domain.errors import DomainValidationError
from wuse_app.domain.resident_id import compose_resident_id, parse_resident_id
from wuse_app.setup.data_files import read_csv

# The plan's section 二 (正阳办事处发〔2022〕95号, quoted in the README): volunteer targets by community,
# from resident populations whose 22 % (rounded half up) gives exactly those targets. The figures are
# the app's base dataset, fixtures/zhengyang/volunteer_targets.csv (the demo loader reads the same file).
SEED_TARGETS = {
	row["community"].removesuffix("社区"): (int(row["resident_population"]), int(row["volunteer_target"]))
	for row in read_csv("zhengyang", "volunteer_targets.csv")
}


@pytest.mark.parametrize("community,population_target", sorted(SEED_TARGETS.items()))
def test_seed_volunteer_targets(community, population_target):
	population, target = population_target
	assert registry.volunteer_target(population, 22) == target


def test_seed_targets_total_7195():
	assert sum(registry.volunteer_target(p, 22) for p, _t in SEED_TARGETS.values()) == 7195


@pytest.mark.parametrize(
	"population,ratio,expected",
	[(0, 22, 0), (None, 22, 0), (10, 25, 3), (2, 25, 1), (1000, 0, 0), (100, 22.5, 23)],
)
def test_volunteer_target_rounds_half_up(population, ratio, expected):
	assert registry.volunteer_target(population, ratio) == expected


def test_negative_population_is_refused():
	with pytest.raises(DomainValidationError, match="cannot be negative"):
		registry.validate_resident_population(-1)
	registry.validate_resident_population(0)


def test_registered_organisation_needs_credit_code():
	with pytest.raises(DomainValidationError, match="credit code"):
		registry.validate_registration("Registered", "", "Social Group")


def test_filed_organisation_may_have_no_credit_code():
	assert registry.validate_registration("Filed", None, "Community Social Organization") is None


@pytest.mark.parametrize(
	"code,org_type",
	[
		("51500114MJP0000059", "Social Group"),
		("52500114MJP0000056", "Social Service Agency"),
		("53500114MJP0000053", "Foundation"),
		("53100000500021676K", "Foundation"),
		("51100000500009247D", "Social Group"),
		("52500114MJP0000056", "Community Social Organization"),
	],
)
def test_valid_codes_match_their_type(code, org_type):
	parsed = registry.validate_registration("Registered", code, org_type)
	assert parsed is not None and parsed.code == code


@pytest.mark.parametrize(
	"code,org_type",
	[
		("51500114MJP0000059", "Foundation"),
		("53500114MJP0000053", "Social Group"),
		("91350200776049653A", "Social Service Agency"),  # an enterprise code
	],
)
def test_code_category_must_match_type(code, org_type):
	with pytest.raises(DomainValidationError):
		registry.validate_registration("Registered", code, org_type)


@pytest.mark.parametrize(
	"code", ["53100000500020462H", "51100000500000024G", "531000005000074012", "91310115MA1G4L1WXK"]
)
def test_invalid_codes_are_refused(code):
	with pytest.raises(DomainValidationError):
		registry.validate_registration("Registered", code, "Foundation")


def test_filed_organisation_code_is_checked_when_given():
	with pytest.raises(DomainValidationError):
		registry.validate_registration("Filed", "53100000500020462H", "Foundation")


def test_own_party_branch_needs_three_members():
	with pytest.raises(DomainValidationError, match="at least 3"):
		registry.validate_party_building("Independent", 2)
	registry.validate_party_building("Independent", 3)
	registry.validate_party_building("Joint", 1)
	registry.validate_party_building("None", 0)


def test_party_members_not_negative():
	with pytest.raises(DomainValidationError):
		registry.validate_party_building("None", -1)


NATIONAL = frozenset({"Assistant Social Worker", "Intermediate Social Worker", "Senior Social Worker"})


@pytest.mark.parametrize("level", sorted(NATIONAL))
def test_qualified_worker_needs_certificate_number(level):
	with pytest.raises(DomainValidationError, match="certificate number"):
		registry.validate_qualification(level, " ", NATIONAL)
	registry.validate_qualification(level, "ZS2022-001", NATIONAL)
	assert registry.is_qualified(level, NATIONAL)


def test_unqualified_worker_needs_no_certificate():
	registry.validate_qualification("Not Qualified", None, NATIONAL)
	assert not registry.is_qualified("Not Qualified", NATIONAL)


def test_the_national_levels_are_whatever_the_list_says():
	registry.validate_qualification("Intermediate Social Worker", None, frozenset({"Senior Social Worker"}))
	with pytest.raises(DomainValidationError, match="certificate number"):
		registry.validate_qualification("社区治理师", "", frozenset({"社区治理师"}))


@pytest.mark.parametrize("sequence,gender", [(1, "Male"), (2, "Female"), (999, "Male")])
def test_compose_resident_id_round_trips(sequence, gender):
	number = compose_resident_id("500114", date(1990, 1, 1), sequence)
	parsed = parse_resident_id(number)
	assert parsed.number == number and parsed.gender == gender and parsed.birth_date == date(1990, 1, 1)


def test_compose_resident_id_matches_reference_vector():
	assert compose_resident_id("500114", date(1990, 1, 1), 1) == "50011419900101001X"


@pytest.mark.parametrize("region,sequence", [("50011", 1), ("5001x4", 1), ("500114", 0), ("500114", 1000)])
def test_compose_resident_id_refuses_bad_parts(region, sequence):
	with pytest.raises(DomainValidationError):
		compose_resident_id(region, date(1990, 1, 1), sequence)


@pytest.mark.parametrize(
	"category,expected",
	[("51", "51500114MJP0000059"), ("52", "52500114MJP0000056"), ("53", "53500114MJP0000053")],
)
def test_compose_uscc_matches_reference_vectors(category, expected):
	from wuse_app.domain.uscc import compose_uscc, parse_uscc

	code = compose_uscc(category, "500114", "MJP00000")
	assert code == expected
	assert parse_uscc(code).warnings == ()
