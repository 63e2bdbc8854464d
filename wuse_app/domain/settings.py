"""Rules for the values an administrator keeps in Wuse Settings (targets, thresholds, star levels)."""

from __future__ import annotations

from collections.abc import Sequence

from wuse_app.domain.errors import DomainValidationError, _

STAR_LEVELS = 5


def validate_percentage(value: float | int | None, label: str) -> None:
	"""A target percentage lies between 0 and 100."""
	if value is None or not 0 <= float(value) <= 100:
		raise DomainValidationError(_("{label} must be a percentage between 0 and 100."), label=label)


def validate_non_negative(value: float | int | None, label: str) -> None:
	if value is None or float(value) < 0:
		raise DomainValidationError(_("{label} cannot be negative."), label=label)


def validate_positive(value: float | int | None, label: str) -> None:
	if value is None or float(value) <= 0:
		raise DomainValidationError(_("{label} must be greater than zero."), label=label)


def validate_star_thresholds(hours: Sequence[float | int | None]) -> tuple[float, ...]:
	"""Check the star thresholds: five positive hour counts, each higher than the one before.

	Returns the thresholds as floats.
	"""
	if len(hours) != STAR_LEVELS:
		raise DomainValidationError(
			_("There must be exactly {expected} star levels; {count} were given."),
			expected=STAR_LEVELS,
			count=len(hours),
		)
	values: list[float] = []
	for level, value in enumerate(hours, start=1):
		if value is None or float(value) <= 0:
			raise DomainValidationError(_("Star level {level} must need more than zero hours."), level=level)
		if values and float(value) <= values[-1]:
			raise DomainValidationError(
				_("Star level {level} needs more hours ({hours}) than level {previous} ({previous_hours})."),
				level=level,
				hours=_number(value),
				previous=level - 1,
				previous_hours=_number(values[-1]),
			)
		values.append(float(value))
	return tuple(values)


def star_level(total_hours: float | int | None, thresholds: Sequence[float]) -> int:
	"""The star level (0 to 5) reached with ``total_hours`` of verified service."""
	hours = float(total_hours or 0)
	level = 0
	for index, threshold in enumerate(thresholds, start=1):
		if hours >= float(threshold):
			level = index
	return level


def _number(value: float | int) -> str:
	number = float(value)
	return str(int(number)) if number.is_integer() else f"{number:g}"
