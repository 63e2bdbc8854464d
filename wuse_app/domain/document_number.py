"""Document numbers (发文字号), GB/T 9704-2012 clause 7.2.5: ``正阳办事处发〔2022〕95号``.

Series (机关代字) + full 4-digit year in hexagonal brackets 〔〕 (U+3014/U+3015) + sequence number
without 第 and without leading zeros + 号.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import DomainValidationError, _

LEFT_BRACKET = "\u3014"  # 〔
RIGHT_BRACKET = "\u3015"  # 〕

DOCUMENT_NUMBER_PATTERN = re.compile(r"^(?P<daizi>[^〔〕\s]+)〔(?P<year>[0-9]{4})〕(?P<seq>[1-9][0-9]*)号$")

# Brackets that are often typed instead of 〔〕. ﹝﹞ (U+FE5D/U+FE5E) and 〖〗 look almost the same.
WRONG_BRACKET_PAIRS: tuple[str, ...] = (
	"\u3010\u3011",  # 【】
	"[]",
	"()",
	"\uff08\uff09",  # （）
	"\uff3b\uff3d",  # ［］
	"\u3016\u3017",  # 〖〗
	"\ufe5d\ufe5e",  # ﹝﹞
	"{}",
	"\uff5b\uff5d",  # ｛｝
)
_WRONG_BRACKETS = {char: pair for pair in WRONG_BRACKET_PAIRS for char in pair}
_ALL_BRACKETS = frozenset(_WRONG_BRACKETS) | {LEFT_BRACKET, RIGHT_BRACKET}
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class DocumentNumber:
	series: str
	"""The issuing office's series (机关代字), e.g. 正阳办事处发."""
	year: int
	sequence: int

	def __post_init__(self) -> None:
		_validate_parts(self.series, self.year, self.sequence)

	def __str__(self) -> str:
		return f"{self.series}{LEFT_BRACKET}{self.year}{RIGHT_BRACKET}{self.sequence}号"


def format_document_number(series: str, year: int, sequence: int) -> str:
	"""``format_document_number("正阳办事处发", 2022, 95) == "正阳办事处发〔2022〕95号"``."""
	return str(DocumentNumber((series or "").strip(), year, sequence))


def parse_document_number(text: str) -> DocumentNumber:
	"""Parse a document number, explaining the usual mistakes. Full-width digits are accepted."""
	value = (text or "").strip().translate(_FULL_WIDTH_DIGITS)
	if not value:
		raise DomainValidationError(
			_("Please enter the document number, for example 正阳办事处发〔2022〕95号.")
		)
	if any(char.isspace() for char in value):
		raise DomainValidationError(_("The document number must not contain spaces."))

	wrong = next((char for char in value if char in _WRONG_BRACKETS), None)
	if wrong is not None:
		raise DomainValidationError(
			_("Put the year in the hexagonal brackets 〔〕, not {brackets}, as in 〔2022〕95号."),
			brackets=_WRONG_BRACKETS[wrong],
		)
	if value.count(LEFT_BRACKET) != 1 or value.count(RIGHT_BRACKET) != 1:
		raise DomainValidationError(
			_("Put the year, once, in the hexagonal brackets 〔〕. Example: 正阳办事处发〔2022〕95号.")
		)
	series, _left, rest = value.partition(LEFT_BRACKET)
	year_text, _right, tail = rest.partition(RIGHT_BRACKET)
	if not _right:
		raise DomainValidationError(
			_("The bracket 〕 must come after 〔. Example: 正阳办事处发〔2022〕95号.")
		)

	if not series:
		raise DomainValidationError(
			_("The document number must start with the series (机关代字), for example 正阳办事处发.")
		)
	_check_year_text(year_text)
	sequence = _parse_sequence(tail, year_text)

	match = DOCUMENT_NUMBER_PATTERN.fullmatch(value)
	if match is None:  # pragma: no cover - every way to get here is reported above
		raise DomainValidationError(
			_("This is not a valid document number. Example: 正阳办事处发〔2022〕95号.")
		)
	return DocumentNumber(series, int(year_text), sequence)


def is_valid_document_number(text: str) -> bool:
	try:
		parse_document_number(text)
	except DomainValidationError:
		return False
	return True


def _check_year_text(year_text: str) -> None:
	if not year_text:
		raise DomainValidationError(_("Write the year inside the brackets, for example 〔2022〕."))
	if not year_text.isascii() or not year_text.isdigit():
		raise DomainValidationError(
			_("Write the year in Arabic digits, for example 〔2022〕, not 〔{year}〕."), year=year_text
		)
	if len(year_text) == 2:
		raise DomainValidationError(
			_("Write the year in full with 4 digits, for example 〔2022〕, not 〔{year}〕."), year=year_text
		)
	if len(year_text) != 4 or year_text.startswith("0"):
		raise DomainValidationError(
			_("The year must have 4 digits, for example 〔2022〕; got 〔{year}〕."), year=year_text
		)


def _parse_sequence(tail: str, year_text: str) -> int:
	if tail.startswith("第"):
		raise DomainValidationError(
			_("Do not write 第 before the number: write 〔{year}〕{corrected}, not 〔{year}〕{written}."),
			year=year_text,
			corrected=tail[1:] if tail.endswith("号") else tail[1:] + "号",
			written=tail,
		)
	if not tail.endswith("号"):
		raise DomainValidationError(
			_("The document number must end with 号, for example 〔2022〕95号."),
		)
	digits = tail[:-1]
	if not digits:
		raise DomainValidationError(_("The sequence number is missing before 号, for example 〔2022〕95号."))
	if not digits.isascii() or not digits.isdigit():
		raise DomainValidationError(
			_("Write the sequence number in Arabic digits, for example 95号; got {written}."), written=tail
		)
	if int(digits) == 0:
		raise DomainValidationError(_("The sequence number starts at 1; 0号 is not allowed."))
	if digits.startswith("0"):
		raise DomainValidationError(
			_("Do not pad the sequence number with zeros: write {corrected}, not {written}."),
			corrected=f"{int(digits)}号",
			written=tail,
		)
	return int(digits)


def _validate_parts(series: str, year: int, sequence: int) -> None:
	if not isinstance(series, str) or not series:
		raise DomainValidationError(
			_("Please enter the document series (机关代字), for example 正阳办事处发.")
		)
	if any(char.isspace() for char in series):
		raise DomainValidationError(_("The document series (机关代字) must not contain spaces."))
	if any(char in _ALL_BRACKETS for char in series):
		raise DomainValidationError(
			_("The document series must not contain brackets; the year brackets 〔〕 are added for you.")
		)
	if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
		raise DomainValidationError(
			_("The year must have 4 digits, for example 2022; got {year}."), year=year
		)
	if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 1:
		raise DomainValidationError(
			_("The sequence number must be a whole number of 1 or more; got {sequence}."), sequence=sequence
		)
