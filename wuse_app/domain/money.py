"""Amounts in yuan: the one `money()` every module uses (strict: a non-number is a clear error, not 0)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from wuse_app.domain.errors import DomainValidationError, _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: Decimal | float | int | str | None) -> Decimal:
	"""An amount in yuan as a Decimal with 2 places, rounded half up (None and "" are 0).

	Booleans, text that is not a number, NaN and infinities raise DomainValidationError.
	"""
	if value is None or value == "":
		return ZERO
	if isinstance(value, bool):
		raise DomainValidationError(_("The amount must be a number, for example 1200.50."))
	try:
		number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
	except (InvalidOperation, ValueError):
		raise DomainValidationError(
			_("“{value}” is not an amount. Write a number such as 1200.50."), value=str(value)
		) from None
	if not number.is_finite():
		raise DomainValidationError(
			_("“{value}” is not an amount. Write a number such as 1200.50."), value=str(value)
		)
	return number.quantize(CENT, rounding=ROUND_HALF_UP)


def format_yuan(value: Decimal | float | int | str | None) -> str:
	"""1234.5 → "1,234.50" (for messages)."""
	return f"{money(value):,.2f}"
