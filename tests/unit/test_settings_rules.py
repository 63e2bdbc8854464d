"""Wuse Settings rules: percentages, thresholds and star levels."""

from __future__ import annotations

import pytest

from wuse_app.domain import settings
from wuse_app.domain.errors import DomainValidationError

DEFAULT_STARS = (100, 300, 600, 1000, 1500)


@pytest.mark.parametrize("value", [0, 15, 22.5, 100])
def test_percentages_in_range(value):
	settings.validate_percentage(value, "Ratio")


@pytest.mark.parametrize("value", [-0.1, 100.01, None])
def test_percentages_out_of_range(value):
	with pytest.raises(DomainValidationError, match="Ratio must be a percentage"):
		settings.validate_percentage(value, "Ratio")


def test_non_negative():
	settings.validate_non_negative(0, "Threshold")
	with pytest.raises(DomainValidationError, match="Threshold cannot be negative"):
		settings.validate_non_negative(-5, "Threshold")


def test_default_star_thresholds_are_valid():
	assert settings.validate_star_thresholds(DEFAULT_STARS) == (100.0, 300.0, 600.0, 1000.0, 1500.0)


@pytest.mark.parametrize(
	"thresholds,message",
	[
		((100, 300, 250, 1000, 1500), "Star level 3"),
		((100, 100, 600, 1000, 1500), "Star level 2"),
		((0, 300, 600, 1000, 1500), "Star level 1"),
		((100, 300, 600, 1000), "exactly 5"),
		((100, 300, 600, 1000, None), "Star level 5"),
	],
)
def test_bad_star_thresholds(thresholds, message):
	with pytest.raises(DomainValidationError, match=message):
		settings.validate_star_thresholds(thresholds)


@pytest.mark.parametrize(
	"hours,level",
	[
		(0, 0),
		(None, 0),
		(99.9, 0),
		(100, 1),
		(299, 1),
		(300, 2),
		(600, 3),
		(1000, 4),
		(1499.5, 4),
		(1500, 5),
		(9999, 5),
	],
)
def test_star_level(hours, level):
	assert settings.star_level(hours, DEFAULT_STARS) == level


def test_star_level_with_other_thresholds():
	assert settings.star_level(60, (30, 60, 100, 200, 300)) == 2
