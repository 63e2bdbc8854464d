"""Formatting helpers for official documents: RMB amounts in capitals (金额大写) and 成文日期."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from .errors import DomainValidationError, _

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_LIMIT = Decimal(10) ** 16
_CENT = Decimal("0.01")
_ISO_DATE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?:[ T].*)?")


def rmb_in_capitals(amount: Decimal | int | float | str) -> str:
	"""Write an RMB amount in financial capitals, e.g. ``12000.50`` → ``壹万贰仟元伍角``.

	Rules: one 零 for a run of zeros between non-zero digits; zeros closing a 万/亿 group are not
	written; 元 whenever the yuan part is non-zero; 零 before 分 when yuan is non-zero and 角 is 0;
	整 only when there are no 角 or 分. Negative amounts, more than 2 decimal places and amounts of
	10^16 or more raise DomainValidationError.
	"""
	value = _to_decimal(amount)
	if value < 0:
		raise DomainValidationError(_("The amount cannot be negative; got {amount}."), amount=str(amount))
	if value >= _LIMIT:
		raise DomainValidationError(
			_("The amount is too large to write in capitals (at most 16 digits before the decimal point).")
		)
	if value != value.quantize(_CENT):
		raise DomainValidationError(
			_("The amount can have at most 2 decimal places (角 and 分); got {amount}."), amount=str(amount)
		)

	cents = int(value * 100)
	yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
	if cents == 0:
		return "零元整"

	parts: list[str] = []
	if yuan:
		parts.append(_integer_in_capitals(yuan) + "元")
	if jiao:
		parts.append(_DIGITS[jiao] + "角")
	if fen:
		if yuan and not jiao:
			parts.append("零")
		parts.append(_DIGITS[fen] + "分")
	if not jiao and not fen:
		parts.append("整")
	return "".join(parts)


def official_date(value: date | datetime | str) -> str:
	"""成文日期 in Arabic digits without padding: ``2022年8月29日`` (not 2022年08月29日)."""
	if isinstance(value, datetime):
		day = value.date()
	elif isinstance(value, date):
		day = value
	elif isinstance(value, str):
		day = _parse_iso_date(value)
	else:
		raise DomainValidationError(_("A date is needed here, for example 2022-08-29."))
	return f"{day.year}年{day.month}月{day.day}日"


def gbt9704_number(number: int) -> str:
	"""（一）（二）… : the second-level heading numbers of GB/T 9704."""
	digits = "零一二三四五六七八九"
	if number < 10:
		word = digits[number]
	elif number < 20:
		word = "十" + (digits[number - 10] if number > 10 else "")
	else:
		word = digits[number // 10] + "十" + (digits[number % 10] if number % 10 else "")
	return f"（{word}）"


def _to_decimal(amount: Decimal | int | float | str) -> Decimal:
	if isinstance(amount, bool):
		raise DomainValidationError(_("The amount must be a number, for example 12000.50."))
	try:
		if isinstance(amount, Decimal):
			value = amount
		elif isinstance(amount, int):
			value = Decimal(amount)
		elif isinstance(amount, float):
			value = Decimal(str(amount))
		elif isinstance(amount, str):
			value = Decimal(amount.strip())
		else:
			raise TypeError
	except (InvalidOperation, TypeError, ValueError):
		raise DomainValidationError(
			_("“{amount}” is not an amount. Write a number such as 12000.50."), amount=str(amount)
		) from None
	if not value.is_finite():
		raise DomainValidationError(
			_("“{amount}” is not an amount. Write a number such as 12000.50."), amount=str(amount)
		)
	return value


def _integer_in_capitals(number: int) -> str:
	"""Capitals for a whole number 1 <= number < 10^16, without 元."""
	digits = str(number)
	out: list[str] = []
	pending_zero = False
	group_has_digit = False
	for index, char in enumerate(digits):
		position = len(digits) - 1 - index  # power of ten
		digit = int(char)
		if digit:
			if pending_zero:
				out.append("零")
			out.append(_DIGITS[digit] + _SMALL_UNITS[position % 4])
			pending_zero = False
			group_has_digit = True
		else:
			pending_zero = True
		if position % 4 == 0 and position > 0:
			# End of a 4-digit group: 万 (10^4, 10^12) or 亿 (10^8). 亿 is always written once the
			# number reaches it (壹万亿); 万 only if its group has a digit. 零 before the unit is dropped.
			if position % 8 == 0 or group_has_digit:
				out.append("亿" if position % 8 == 0 else "万")
				pending_zero = False
			group_has_digit = False
	return "".join(out)


def _parse_iso_date(text: str) -> date:
	match = _ISO_DATE.fullmatch(text.strip())
	if match is None:
		raise DomainValidationError(
			_("“{text}” is not a date. Use the form YYYY-MM-DD, e.g. 2022-08-29."), text=text
		)
	try:
		return date(int(match["year"]), int(match["month"]), int(match["day"]))
	except ValueError:
		raise DomainValidationError(_("“{text}” is not a real calendar date."), text=text) from None
