"""Unified Social Credit Code (统一社会信用代码), GB 32100-2015.

Layout (1-based positions): 1 registration department, 2 organisation category, 3-8 area code of the
registering authority (digits), 9-17 organisation code (GB 11714, whose 9th character is its own check
character), 18 check character. The alphabet is ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (no I, O, Z, S, V).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .errors import DomainMessage, DomainValidationError, _

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES: Mapping[str, int] = MappingProxyType({char: value for value, char in enumerate(USCC_CHARSET)})
# W_i = 3^(i-1) mod 31 for positions 1..17.
_USCC_WEIGHTS: tuple[int, ...] = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714 organisation code weights for its first 8 characters.
_ORG_CODE_WEIGHTS: tuple[int, ...] = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CODE_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

FORBIDDEN_LETTERS = "IOZSV"
"""Never used in credit codes: they look like 1, 0, 2, 5 and U."""

DEPARTMENT_CODES: Mapping[str, str] = MappingProxyType(
	{
		"1": "Institutional Organisation (机构编制)",
		"2": "Foreign Affairs (外交)",
		"3": "Justice (司法行政)",
		"4": "Culture (文化)",
		"5": "Civil Affairs (民政)",
		"6": "Tourism (旅游)",
		"7": "Religious Affairs (宗教)",
		"8": "Trade Union (工会)",
		"9": "Industry and Commerce (工商)",
		"A": "Central Military Commission Staffing (军委编办)",
		"N": "Agriculture (农业)",
		"Y": "Other (其他)",
	}
)

CIVIL_AFFAIRS_CATEGORIES: Mapping[str, str] = MappingProxyType(
	{
		"51": "Social Group",
		"52": "Social Service Agency",
		"53": "Foundation",
		"59": "Other",
	}
)
"""Category codes (first two characters) of organisations registered with civil affairs (department 5)."""

_EXPECTED_CATEGORIES: Mapping[str, frozenset[str]] = MappingProxyType(
	{
		"Social Group": frozenset({"51"}),
		"Social Service Agency": frozenset({"52"}),
		"Foundation": frozenset({"53"}),
		"Community Social Organization": frozenset({"51", "52", "59"}),
	}
)
ORGANIZATION_TYPES: tuple[str, ...] = tuple(_EXPECTED_CATEGORIES)
"""The organisation types seeded into the Organization Type master (administrators may add more)."""
DEFAULT_TYPE_CATEGORIES = _EXPECTED_CATEGORIES


@dataclass(frozen=True)
class Uscc:
	code: str
	department_code: str
	"""Position 1."""
	category_code: str
	"""Positions 1-2, e.g. "51"."""
	region_code: str
	"""Positions 3-8."""
	organization_code: str
	"""Positions 9-17 (the GB 11714 organisation code)."""
	warnings: tuple[str, ...] = ()
	"""Rendered English warnings; the translatable form is in ``warning_messages``."""
	warning_messages: tuple[DomainMessage, ...] = ()

	@property
	def civil_affairs_category(self) -> str | None:
		return CIVIL_AFFAIRS_CATEGORIES.get(self.category_code)

	def __str__(self) -> str:
		return self.code


def normalize_uscc(raw: str) -> str:
	"""Fold full-width characters (NFKC), drop all spaces and upper-case."""
	text = unicodedata.normalize("NFKC", raw or "")
	return "".join(text.split()).upper()


def uscc_check_char(body17: str) -> str:
	"""Return the GB 32100 check character (position 18) for the first 17 characters of a credit code."""
	if len(body17 or "") != 17 or any(char not in _USCC_VALUES for char in body17):
		raise DomainValidationError(
			_("To compute the check character, give 17 credit-code characters; got “{body}”."),
			body=body17 or "",
		)
	total = sum(_USCC_VALUES[char] * weight for char, weight in zip(body17, _USCC_WEIGHTS, strict=True))
	return USCC_CHARSET[(31 - total % 31) % 31]


def organization_code_check_char(body8: str) -> str:
	"""Return the GB 11714 check character for the first 8 characters of an organisation code."""
	if len(body8 or "") != 8 or any(char not in _ORG_CODE_CHARSET for char in body8):
		raise DomainValidationError(
			_("To compute the check character, give 8 digits or capital letters; got “{body}”."),
			body=body8 or "",
		)
	total = sum(int(char, 36) * weight for char, weight in zip(body8, _ORG_CODE_WEIGHTS, strict=True))
	value = 11 - total % 11
	if value == 10:
		return "X"
	if value == 11:
		return "0"
	return str(value)


def compose_uscc(category: str, region_code: str, body8: str) -> str:
	"""Build a well-formed code from its parts, both check characters included (e.g. synthetic demo data).

	``category`` is the 2-character department and category code (51 social group, 52 social service
	agency, 53 foundation); ``body8`` the first 8 characters of the organisation code.
	"""
	organization_code = body8 + organization_code_check_char(body8)
	body17 = f"{category}{region_code}{organization_code}"
	return body17 + uscc_check_char(body17)


def parse_uscc(raw: str) -> Uscc:
	"""Validate a credit code and return its parts; raise DomainValidationError with a clerk message.

	A failed inner organisation-code check is only a warning (a few genuine codes fail it).
	"""
	code = normalize_uscc(raw)
	if not code:
		raise DomainValidationError(_("Please enter the unified social credit code."))
	if len(code) != 18:
		raise DomainValidationError(
			_("The credit code must have 18 characters; this one has {length}."), length=len(code)
		)
	_check_characters(code)
	if code[0] not in DEPARTMENT_CODES:
		raise DomainValidationError(
			_("The credit code cannot start with {character}: the first character must be 1-9, A, N or Y."),
			character=code[0],
		)
	if not code[2:8].isdigit():
		raise DomainValidationError(
			_("Characters 3 to 8 of the credit code ({region}) must be digits (the area code)."),
			region=code[2:8],
		)
	if code[17] != uscc_check_char(code[:17]):
		raise DomainValidationError(
			_("This credit code is not valid: a character is probably mistyped. Check the certificate.")
		)

	messages: list[DomainMessage] = []
	if code[16] != organization_code_check_char(code[8:16]):
		warning = DomainMessage(
			_("Characters 9 to 17 ({organization_code}) fail the organisation-code check. Please recheck."),
			{"organization_code": code[8:17]},
		)
		messages.append(warning)
	return Uscc(
		code=code,
		department_code=code[0],
		category_code=code[:2],
		region_code=code[2:8],
		organization_code=code[8:17],
		warnings=tuple(message.render() for message in messages),
		warning_messages=tuple(messages),
	)


def is_valid_uscc(raw: str) -> bool:
	try:
		parse_uscc(raw)
	except DomainValidationError:
		return False
	return True


def expected_categories_for_organization_type(org_type: str) -> frozenset[str]:
	"""Credit-code category prefixes (first two characters) that fit an organisation type."""
	try:
		return _EXPECTED_CATEGORIES[org_type]
	except KeyError:
		raise DomainValidationError(
			_("Unknown organisation type “{org_type}”. Choose one of: {choices}."),
			org_type=org_type,
			choices=", ".join(ORGANIZATION_TYPES),
		) from None


def parse_categories(text: str | None) -> frozenset[str]:
	"""Credit-code categories an administrator typed for an organisation type: "51, 52" -> {"51", "52"}."""
	parts = [part.strip() for part in (text or "").replace("，", ",").replace("、", ",").split(",")]
	categories = frozenset(part for part in parts if part)
	bad = sorted(c for c in categories if len(c) != 2 or not c.isascii() or not c.isalnum())
	if bad:
		raise DomainValidationError(
			_("A credit code category is two characters, e.g. 51; not {value}."), value=", ".join(bad)
		)
	return frozenset(c.upper() for c in categories)


def check_category_matches_type(code: str, org_type: str, expected: frozenset[str] | None = None) -> None:
	"""Raise DomainValidationError if the credit code's category (first two characters) does not fit the type.

	``expected``: the categories the administrator set for the type (Organization Type); without it,
	the defaults the app seeds. An empty code passes: whether a code is required is a separate rule.
	"""
	if expected is None:
		expected = expected_categories_for_organization_type(org_type)
	normalized = normalize_uscc(code)
	if not normalized:
		return
	category = normalized[:2]
	if category in expected:
		return
	if category not in CIVIL_AFFAIRS_CATEGORIES:
		raise DomainValidationError(
			_("The credit code of a {org_type} must begin with {expected}; this one begins with {category}."),
			org_type=org_type,
			expected=" / ".join(sorted(expected)),
			category=category,
		)
	raise DomainValidationError(
		_("The credit code is for a {category_name} ({category}), but the organisation type is {org_type}."),
		category_name=CIVIL_AFFAIRS_CATEGORIES[category],
		category=category,
		org_type=org_type,
	)


def _check_characters(code: str) -> None:
	forbidden = next((char for char in code if char in FORBIDDEN_LETTERS), None)
	if forbidden:
		raise DomainValidationError(
			_("Credit codes never use the letter {letter}: I, O, Z, S and V look like 1, 0, 2, 5 and U."),
			letter=forbidden,
		)
	bad = next((char for char in code if char not in _USCC_VALUES), None)
	if bad:
		raise DomainValidationError(
			_("The credit code contains “{character}”; only digits and capital letters are allowed."),
			character=bad,
		)
