"""Volunteer service rules: hours, daily limit, time-bank points, redemptions, certificates, masking."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from domain_asserts import assert_clerk_message
from hypothesis import given
from hypothesis import strategies as st

from wuse_app.domain import settings
from wuse_app.domain import volunteering as v
from wuse_app.domain.errors import DomainValidationError

TODAY = date(2026, 11, 25)


def test_service_categories_cover_the_seed_actions():
	assert len(v.ELDERLY_SERVICE_CATEGORIES) == 6  # 六送六进
	assert len(v.CHILD_PROTECTION_CATEGORIES) == 5  # 五童
	assert v.SERVICE_CATEGORIES[-3:] == ("Community Governance", "Emergency", "Other")
	assert len(set(v.SERVICE_CATEGORIES)) == len(v.SERVICE_CATEGORIES) == 14
	for category in v.SERVICE_CATEGORIES:
		v.validate_service_category(category, True)
	with pytest.raises(DomainValidationError, match="not a service category"):
		v.validate_service_category("送医进村", None)  # no such master record
	with pytest.raises(DomainValidationError, match="is disabled"):
		v.validate_service_category("Other", False)
	with pytest.raises(DomainValidationError, match="Choose a service category"):
		v.validate_service_category(None, True)


@pytest.mark.parametrize("day", [TODAY, date(2026, 1, 1), datetime(2026, 11, 25, 23, 59)])
def test_service_date_today_or_before(day):
	v.validate_service_date(day, TODAY)


def test_service_date_in_the_future_is_refused():
	with pytest.raises(DomainValidationError) as excinfo:
		v.validate_service_date(date(2026, 11, 26), TODAY)
	assert "2026-11-26 is in the future" in assert_clerk_message(excinfo.value)
	with pytest.raises(DomainValidationError, match="date of the service"):
		v.validate_service_date(None, TODAY)


@pytest.mark.parametrize("hours", [0.25, 1, 8, 23.5, 24, "2.5", Decimal("24")])
def test_hours_in_range(hours):
	assert v.validate_hours(hours) == Decimal(str(hours))


@pytest.mark.parametrize("hours", [0, -1, -0.5, None])
def test_hours_must_be_positive(hours):
	with pytest.raises(DomainValidationError) as excinfo:
		v.validate_hours(hours)
	assert "more than 0" in assert_clerk_message(excinfo.value)


def test_one_record_holds_at_most_24_hours():
	with pytest.raises(DomainValidationError) as excinfo:
		v.validate_hours(24.5)
	assert "at most 24 hours" in assert_clerk_message(excinfo.value)


def test_daily_total():
	assert v.validate_daily_total(8, 16, TODAY) == 24
	assert v.validate_daily_total(0.5, 0, TODAY) == Decimal("0.5")
	with pytest.raises(DomainValidationError) as excinfo:
		v.validate_daily_total(8.5, 16, TODAY)
	message = assert_clerk_message(excinfo.value)
	assert "2026-11-25" in message and "already has 16 h" in message and "24.5 h exceeds 24 h" in message


def test_date_must_fall_in_the_activity():
	v.validate_date_in_activity(TODAY, datetime(2026, 11, 25, 9), datetime(2026, 11, 25, 11))
	v.validate_date_in_activity(date(2026, 11, 26), date(2026, 11, 25), date(2026, 11, 27))
	with pytest.raises(DomainValidationError) as excinfo:
		v.validate_date_in_activity(date(2026, 11, 24), datetime(2026, 11, 25, 9), datetime(2026, 11, 25, 11))
	assert "outside the activity's dates (2026-11-25 to 2026-11-25)" in assert_clerk_message(excinfo.value)


def test_activity_period_and_capacity():
	v.validate_activity_period(datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 9))
	with pytest.raises(DomainValidationError, match="end before it starts"):
		v.validate_activity_period(datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 8))
	v.validate_capacity(None, 100)
	v.validate_capacity(0, 100)
	v.validate_capacity(3, 3)
	with pytest.raises(DomainValidationError, match="4 attendees but room for only 3"):
		v.validate_capacity(3, 4)
	with pytest.raises(DomainValidationError, match="negative"):
		v.validate_capacity(-1, 0)


def test_find_duplicate():
	assert v.find_duplicate(["a", "b", "c"]) is None
	assert v.find_duplicate(["a", "b", "a", "b"]) == (3, "a")
	assert v.find_duplicate([None, None, "x"]) is None


@pytest.mark.parametrize(
	"hours,rate,points",
	[(2, 1, 2.0), (2.5, 1, 2.5), (1.5, 2, 3.0), (1, 0, 0.0), (1 / 3, 1, 0.33), (0.125, 1, 0.13)],
)
def test_points_for_hours(hours, rate, points):
	assert v.points_for_hours(hours, rate) == points


def test_negative_points_rate_is_refused():
	with pytest.raises(DomainValidationError, match="cannot be negative"):
		v.points_for_hours(1, -1)


def test_balance_never_goes_below_zero():
	assert v.validate_balance_after(10, -10) == 0
	assert v.validate_balance_after(10, 2.5) == 12.5
	with pytest.raises(DomainValidationError) as excinfo:
		v.validate_balance_after(3, -5)
	assert "has 3 points and this needs 5" in assert_clerk_message(excinfo.value)


def test_redemption_points_and_stock():
	assert v.redemption_points(3, 20) == 60
	assert v.redemption_points(1, 2.5) == 2.5
	for qty in (0, -1, None, 1.5):
		with pytest.raises(DomainValidationError, match="whole number above zero"):
			v.redemption_points(qty, 10)
	with pytest.raises(DomainValidationError, match="points cost above zero"):
		v.redemption_points(1, 0)
	assert v.validate_stock(5, 5, "大米") == 0
	with pytest.raises(DomainValidationError) as excinfo:
		v.validate_stock(2, 3, "大米")
	assert "Only 2 of “大米” left in stock; 3 were requested." == assert_clerk_message(excinfo.value)
	v.validate_non_negative_stock(0)
	with pytest.raises(DomainValidationError, match="stock cannot be negative"):
		v.validate_non_negative_stock(-1)


def test_certificate_numbers_are_per_year_and_zero_padded():
	assert v.certificate_sequence_key(2026) == "ZYFW-2026"
	assert v.format_certificate_number(2026, 1) == "ZYFW-2026-00001"
	assert v.format_certificate_number(2027, 12345) == "ZYFW-2027-12345"
	assert v.format_certificate_number(2027, 123456) == "ZYFW-2027-123456"
	with pytest.raises(DomainValidationError):
		v.format_certificate_number(2026, 0)


def test_certificate_period():
	v.validate_certificate_period(date(2026, 1, 1), date(2026, 11, 25), TODAY)
	with pytest.raises(DomainValidationError, match="end before it starts"):
		v.validate_certificate_period(date(2026, 2, 1), date(2026, 1, 1), TODAY)
	with pytest.raises(DomainValidationError, match="after the issue date 2026-11-25"):
		v.validate_certificate_period(date(2026, 1, 1), date(2026, 11, 26), TODAY)
	v.validate_issue_date(TODAY, TODAY)
	with pytest.raises(DomainValidationError, match="2026-11-26 is in the future"):
		v.validate_issue_date(date(2026, 11, 26), TODAY)
	v.validate_certified_hours(0.5)
	with pytest.raises(DomainValidationError, match="nothing to certify"):
		v.validate_certified_hours(0)


def test_issuer_name_of_a_community():
	assert v.community_issuer_name("朝阳社区") == "朝阳社区居民委员会"
	assert v.community_issuer_name("朝阳社区居民委员会") == "朝阳社区居民委员会"
	assert v.community_issuer_name("桐坪村民委员会") == "桐坪村民委员会"


def test_service_summary_and_hour_format():
	assert (
		v.service_summary([("送医进村", 6), ("送爱进门", 2.5), ("", 1)])
		== "送医进村 6 小时；送爱进门 2.5 小时"
	)
	assert v.format_hours(12.0) == "12"
	assert v.format_hours(Decimal("100.50")) == "100.5"
	assert v.format_hours(0.125) == "0.13"
	assert v.format_hours(None) == "0"


@pytest.mark.parametrize(
	"name,masked",
	[
		("张三", "张*"),
		("李小龙", "李**"),
		("欧阳娜娜", "欧阳**"),
		("Anna", "A***"),
		("王", "*"),
		("", ""),
		(None, ""),
	],
)
def test_mask_person_name(name, masked):
	assert v.mask_person_name(name) == masked


def test_competition_ranks():
	assert v.competition_ranks([10, 8, 8, 5]) == [1, 2, 2, 4]
	assert v.competition_ranks([]) == []
	assert v.competition_ranks([3, 3, 3]) == [1, 1, 1]


@given(st.lists(st.decimals(min_value=Decimal("0.25"), max_value=24, places=2), max_size=8))
def test_daily_limit_is_the_sum_rule(hours):
	"""Adding records one by one is accepted exactly while the running total stays within 24."""
	running = Decimal(0)
	for value in hours:
		if running + value <= 24:
			running = v.validate_daily_total(value, running, TODAY)
		else:
			with pytest.raises(DomainValidationError):
				v.validate_daily_total(value, running, TODAY)
	assert running <= 24


@given(st.floats(min_value=0, max_value=5000, allow_nan=False))
def test_star_level_is_monotonic_in_hours(hours):
	thresholds = (100, 300, 600, 1000, 1500)
	level = settings.star_level(hours, thresholds)
	assert 0 <= level <= 5
	assert settings.star_level(hours + 1, thresholds) >= level
	assert level == sum(1 for threshold in thresholds if hours >= threshold)
