"""Resident identity card numbers (公民身份号码), GB 11643-1999.

18 characters: 6-digit address code, 8-digit birth date YYYYMMDD, 3-digit sequence (odd = male,
even = female) and an ISO 7064 MOD 11-2 check character (0-9 or X). Legacy 15-digit numbers
(GB 11643-1989: 6-digit birth date YYMMDD, no check character) are accepted as input and upgraded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .errors import DomainValidationError, _

Gender = Literal["Male", "Female"]

# W_i = 2^(18-i) mod 11 for positions 1..17.
_WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"

# First two digits: provinces (GB/T 2260) plus 71 Taiwan and 81/82/83 for HK/Macau/Taiwan residence permits.
VALID_PROVINCE_CODES: frozenset[str] = frozenset(
	f"{code:02d}"
	for code in (
		*range(11, 16),
		*range(21, 24),
		*range(31, 38),
		*range(41, 47),
		*range(50, 55),
		*range(61, 66),
		71,
		81,
		82,
		83,
	)
)

_BODY17 = re.compile(r"[0-9]{17}")
_ID18 = re.compile(r"[0-9]{17}[0-9X]")
_ID15 = re.compile(r"[0-9]{15}")
_MASKED_INVALID = "*" * 18


@dataclass(frozen=True)
class ResidentId:
	number: str
	"""Normalised 18-character number."""
	region_code: str
	birth_date: date
	gender: Gender
	upgraded_from_legacy: bool = False

	@property
	def masked(self) -> str:
		return mask_resident_id(self.number)

	def __str__(self) -> str:
		return self.number


def normalize_resident_id(raw: str) -> str:
	"""Fold full-width characters (NFKC), drop all spaces and upper-case a trailing x."""
	text = unicodedata.normalize("NFKC", raw or "")
	return "".join(text.split()).upper()


def resident_id_check_char(body17: str) -> str:
	"""Return the MOD 11-2 check character (0-9 or X) for the first 17 digits of an ID number."""
	if not _BODY17.fullmatch(body17 or ""):
		raise DomainValidationError(
			_("To compute the check character, give exactly 17 digits; got {length} characters."),
			length=len(body17 or ""),
		)
	total = sum(int(digit) * weight for digit, weight in zip(body17, _WEIGHTS, strict=True))
	return _CHECK_CHARS[total % 11]


def upgrade_legacy_resident_id(id15: str) -> str:
	"""Convert a 15-digit (1989) ID number to 18 digits: insert "19" before the year, append the check."""
	number = normalize_resident_id(id15)
	if not _ID15.fullmatch(number):
		raise DomainValidationError(
			_("An old-style ID number has exactly 15 digits; this one has {length} characters."),
			length=len(number),
		)
	_check_legacy_birth_date(number)
	body17 = number[:6] + "19" + number[6:]
	return body17 + resident_id_check_char(body17)


def parse_resident_id(raw: str, today: date | None = None) -> ResidentId:
	"""Validate an ID number and return its parts.

	Raises DomainValidationError with a clerk-readable message. ``today`` defaults to ``date.today()``.
	"""
	today = today or date.today()
	number = normalize_resident_id(raw)
	if not number:
		raise DomainValidationError(_("Please enter the ID number."))

	upgraded = False
	if len(number) == 15:
		if not _ID15.fullmatch(number):
			raise DomainValidationError(
				_("An old-style 15-digit ID number may only contain digits; please check it.")
			)
		_check_province(number)
		_check_not_future(_check_legacy_birth_date(number), today)
		number = upgrade_legacy_resident_id(number)
		upgraded = True
	elif len(number) != 18:
		raise DomainValidationError(
			_("The ID number must have 18 characters; this one has {length}."), length=len(number)
		)

	if not _ID18.fullmatch(number):
		_raise_bad_characters(number)

	_check_province(number)
	birth_date = _check_birth_date(number)
	_check_not_future(birth_date, today)

	if number[17] != resident_id_check_char(number[:17]):
		raise DomainValidationError(
			_("This ID number is not valid: a digit is probably mistyped. Compare it with the ID card.")
		)

	return ResidentId(
		number=number,
		region_code=number[:6],
		birth_date=birth_date,
		gender="Male" if int(number[16]) % 2 == 1 else "Female",
		upgraded_from_legacy=upgraded,
	)


def compose_resident_id(region_code: str, birth_date: date, sequence: int) -> str:
	"""Build a well-formed 18-digit number (check character included), e.g. for synthetic demo data.

	An odd ``sequence`` (1-999) gives a man, an even one a woman.
	"""
	if len(region_code) != 6 or not region_code.isdigit():
		raise DomainValidationError(_("The region code must be 6 digits, like 500114."))
	if not 1 <= sequence <= 999:
		raise DomainValidationError(_("The sequence code must be between 1 and 999."))
	body = f"{region_code}{birth_date:%Y%m%d}{sequence:03d}"
	return body + resident_id_check_char(body)


def is_valid_resident_id(raw: str, today: date | None = None) -> bool:
	try:
		parse_resident_id(raw, today=today)
	except DomainValidationError:
		return False
	return True


def mask_resident_id(number: str) -> str:
	"""Mask for lists and printouts: ``500114********001X``. Never returns anything unmasked.

	Anything that does not look like an ID number is fully masked.
	"""
	text = normalize_resident_id(number) if isinstance(number, str) else ""
	if _ID18.fullmatch(text):
		return text[:6] + "*" * 8 + text[-4:]
	if _ID15.fullmatch(text):
		return text[:6] + "*" * 6 + text[-3:]
	return _MASKED_INVALID


def _raise_bad_characters(number: str) -> None:
	if "X" in number[:17]:
		raise DomainValidationError(_("The letter X may only be the last character of an ID number."))
	bad = next(char for char in number if not (char.isascii() and (char.isdigit() or char == "X")))
	raise DomainValidationError(
		_("“{character}” is not allowed in an ID number: use digits, and X only as the last character."),
		character=bad,
	)


def _check_province(number: str) -> None:
	if number[:2] not in VALID_PROVINCE_CODES:
		raise DomainValidationError(
			_("The ID number starts with {code}, which is not a province code. Check the first two digits."),
			code=number[:2],
		)


def _check_birth_date(number: str) -> date:
	digits = number[6:14]
	try:
		return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
	except ValueError:
		raise DomainValidationError(
			_("The birth date in the ID number ({digits}) is not a real date. Check digits 7 to 14."),
			digits=digits,
		) from None


def _check_legacy_birth_date(number: str) -> date:
	digits = number[6:12]
	try:
		return date(1900 + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
	except ValueError:
		raise DomainValidationError(
			_("The birth date in the old ID number ({digits}) is not a real date. Check digits 7 to 12."),
			digits=digits,
		) from None


def _check_not_future(birth_date: date, today: date) -> None:
	if birth_date > today:
		raise DomainValidationError(
			_("The birth date in the ID number ({birth_date}) is in the future. Check the number."),
			birth_date=birth_date.isoformat(),
		)
