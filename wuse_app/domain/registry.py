"""Rules for the five-society registry: communities, social organisations, social workers, volunteers."""

from __future__ import annotations

from collections.abc import Collection
from decimal import ROUND_HALF_UP, Decimal

from wuse_app.domain.errors import DomainValidationError, _
from wuse_app.domain.uscc import Uscc, check_category_matches_type, parse_uscc

# 党章: a Party branch of its own needs at least three full members.
MIN_MEMBERS_FOR_OWN_PARTY_BRANCH = 3


def volunteer_target(resident_population: int | None, ratio_percent: float | Decimal | None) -> int:
	"""The registered-volunteer target of a community: population × ratio, rounded half up.

	>>> volunteer_target(5355, 22)
	1178
	"""
	population = Decimal(int(resident_population or 0))
	ratio = Decimal(str(ratio_percent or 0)) / Decimal(100)
	return int((population * ratio).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def validate_resident_population(value: int | None) -> None:
	if value is not None and int(value) < 0:
		raise DomainValidationError(_("The resident population cannot be negative."))


def validate_registration(
	registration_status: str,
	uscc: str | None,
	organization_type: str,
	expected_categories: frozenset[str] | None = None,
) -> Uscc | None:
	"""A registered organisation needs a valid credit code whose category matches its type.

	A filed (备案) community organisation may have none; if it gives one, the code is checked too.
	Returns the parsed code, or None when there is none.
	"""
	code = (uscc or "").strip()
	if not code:
		if registration_status == "Registered":
			raise DomainValidationError(
				_("A registered organisation needs its unified social credit code (统一社会信用代码).")
			)
		return None
	parsed = parse_uscc(code)
	check_category_matches_type(parsed.code, organization_type, expected_categories)
	return parsed


def validate_party_building(party_organization: str | None, party_member_count: int | None) -> None:
	count = int(party_member_count or 0)
	if count < 0:
		raise DomainValidationError(_("The number of Party members cannot be negative."))
	if party_organization == "Independent" and count < MIN_MEMBERS_FOR_OWN_PARTY_BRANCH:
		raise DomainValidationError(
			_("An own Party branch needs at least {minimum} Party members; this one has {count}."),
			minimum=MIN_MEMBERS_FOR_OWN_PARTY_BRANCH,
			count=count,
		)


def validate_qualification(
	qualification_level: str | None, certificate_number: str | None, national_levels: Collection[str]
) -> None:
	"""A qualified social worker must give the number of the national qualification certificate.

	`national_levels`: the levels that are a national qualification (the administrator's Social Work
	Qualification list says which)."""
	if qualification_level in national_levels and not (certificate_number or "").strip():
		raise DomainValidationError(
			_("Enter the certificate number of the social work qualification ({level})."),
			level=qualification_level,
		)


def is_qualified(qualification_level: str | None, national_levels: Collection[str]) -> bool:
	return qualification_level in national_levels
