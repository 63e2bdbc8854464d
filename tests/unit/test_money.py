"""One money(): amounts in yuan are parsed strictly, in one place, and every module uses it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wuse_app.domain import charity
from wuse_app.domain.errors import DomainValidationError
from wuse_app.domain.money import ZERO, format_yuan, money


@pytest.mark.parametrize(
	"value,expected",
	[
		(None, "0.00"),
		("", "0.00"),
		(0, "0.00"),
		("1200.5", "1200.50"),
		(0.125, "0.13"),
		(Decimal("-3"), "-3.00"),
	],
)
def test_money_rounds_half_up_to_cents(value, expected):
	assert money(value) == Decimal(expected)


@pytest.mark.parametrize("value", ["abc", "1,200", True, "NaN", float("inf")])
def test_money_refuses_what_is_not_an_amount(value):
	with pytest.raises(DomainValidationError):
		money(value)


def test_charity_rules_use_the_one_money():
	assert charity.money is money and charity.ZERO is ZERO
	assert format_yuan(1234.5) == "1,234.50"
