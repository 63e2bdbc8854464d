from datetime import date, datetime
from decimal import Decimal

import pytest
from domain_asserts import assert_clerk_message

from wuse_app.domain import DomainValidationError, official_date, rmb_in_capitals

RMB_CASES = [
	("12000.50", "壹万贰仟元伍角"),
	("0.05", "伍分"),
	("100000000", "壹亿元整"),
	("0", "零元整"),
	("10", "壹拾元整"),
	("1010", "壹仟零壹拾元整"),
	("100000", "壹拾万元整"),
	("100010", "壹拾万零壹拾元整"),
	("1000000.05", "壹佰万元零伍分"),
	("1.05", "壹元零伍分"),
	("0.5", "伍角"),
	("10.5", "壹拾元伍角"),
	("100000001", "壹亿零壹元整"),
	("100010000", "壹亿零壹万元整"),
	("2000000000", "贰拾亿元整"),
	("1234567.89", "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
	("1.2", "壹元贰角"),
	("50000", "伍万元整"),
	("5.01", "伍元零壹分"),
	# Further cases worked out from the same rules.
	("1", "壹元整"),
	("0.01", "壹分"),
	("0.10", "壹角"),
	("0.55", "伍角伍分"),
	("11", "壹拾壹元整"),
	("101", "壹佰零壹元整"),
	("1001", "壹仟零壹元整"),
	("1100", "壹仟壹佰元整"),
	("10001", "壹万零壹元整"),
	("10010", "壹万零壹拾元整"),
	("10100", "壹万零壹佰元整"),
	("11000", "壹万壹仟元整"),
	("110000", "壹拾壹万元整"),
	("1001000", "壹佰万壹仟元整"),  # no 零: the lower group 1000 has no leading zero
	("10000000", "壹仟万元整"),
	("10000001", "壹仟万零壹元整"),
	("100100", "壹拾万零壹佰元整"),
	("1000000000", "壹拾亿元整"),
	("1000000000000", "壹万亿元整"),
	("1000100000000", "壹万零壹亿元整"),
	("1000000010000", "壹万亿零壹万元整"),
	("1000000000001", "壹万亿零壹元整"),
	("100000000000000", "壹佰万亿元整"),
	("10.05", "壹拾元零伍分"),
	("100.10", "壹佰元壹角"),
	("20.30", "贰拾元叁角"),
	("9999999999999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
	("3456789012.34", "叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分"),
]


@pytest.mark.parametrize(("amount", "expected"), RMB_CASES)
def test_rmb_in_capitals_from_string(amount: str, expected: str) -> None:
	assert rmb_in_capitals(amount) == expected


@pytest.mark.parametrize(("amount", "expected"), RMB_CASES)
def test_rmb_in_capitals_from_decimal(amount: str, expected: str) -> None:
	assert rmb_in_capitals(Decimal(amount)) == expected


@pytest.mark.parametrize(
	("amount", "expected"),
	[
		(0, "零元整"),
		(10, "壹拾元整"),
		(100000000, "壹亿元整"),
		(2000000000, "贰拾亿元整"),
		(12000.50, "壹万贰仟元伍角"),
		(0.05, "伍分"),
		(1.05, "壹元零伍分"),
		(0.1, "壹角"),
		(1234567.89, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
		(5.0, "伍元整"),
		(Decimal("12000.500"), "壹万贰仟元伍角"),  # trailing zeros beyond 2 places are harmless
		(Decimal("1E+2"), "壹佰元整"),
		(Decimal("-0"), "零元整"),
		(" 12000.50 ", "壹万贰仟元伍角"),
	],
)
def test_rmb_in_capitals_other_types(amount: object, expected: str) -> None:
	assert rmb_in_capitals(amount) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
	("amount", "word"),
	[
		(-1, "negative"),
		("-0.01", "negative"),
		(Decimal("-100"), "negative"),
		("0.001", "2 decimal places"),
		("1.005", "2 decimal places"),
		(0.1 + 0.2, "2 decimal places"),  # 0.30000000000000004
		(Decimal("0.125"), "2 decimal places"),
		(10**16, "too large"),
		("10000000000000000", "too large"),
		(Decimal("1E+20"), "too large"),
		("abc", "not an amount"),
		("", "not an amount"),
		("1,000", "not an amount"),
		("¥100", "not an amount"),
		("NaN", "not an amount"),
		("Infinity", "not an amount"),
		(float("nan"), "not an amount"),
		(float("inf"), "not an amount"),
		(None, "not an amount"),
		([1], "not an amount"),
		(True, "must be a number"),
	],
)
def test_rmb_in_capitals_errors(amount: object, word: str) -> None:
	with pytest.raises(DomainValidationError) as info:
		rmb_in_capitals(amount)  # type: ignore[arg-type]
	assert word in assert_clerk_message(info.value)


def test_rmb_capitals_use_only_financial_characters() -> None:
	allowed = set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")
	for amount, _expected in RMB_CASES:
		assert set(rmb_in_capitals(amount)) <= allowed


@pytest.mark.parametrize(
	("value", "expected"),
	[
		(date(2022, 8, 29), "2022年8月29日"),
		(date(2022, 5, 6), "2022年5月6日"),
		(date(2022, 12, 31), "2022年12月31日"),
		(date(2022, 10, 1), "2022年10月1日"),
		(datetime(2022, 5, 6, 23, 59), "2022年5月6日"),
		("2022-08-29", "2022年8月29日"),
		("2022-05-06", "2022年5月6日"),
		(" 2022-05-06 ", "2022年5月6日"),
		("2022-05-06 10:30:00", "2022年5月6日"),  # Frappe Datetime string
		("2022-05-06T10:30:00", "2022年5月6日"),
		("2024-02-29", "2024年2月29日"),
	],
)
def test_official_date(value: object, expected: str) -> None:
	result = official_date(value)  # type: ignore[arg-type]
	assert result == expected
	assert "年0" not in result and "月0" not in result


@pytest.mark.parametrize(
	("value", "word"),
	[
		("2022/08/29", "YYYY-MM-DD"),
		("29-08-2022", "YYYY-MM-DD"),
		("20220829", "YYYY-MM-DD"),
		("2022-8-29", "YYYY-MM-DD"),
		("", "YYYY-MM-DD"),
		("2022-02-30", "not a real calendar date"),
		("2023-02-29", "not a real calendar date"),
		("2022-13-01", "not a real calendar date"),
		(None, "date is needed"),
		(20220829, "date is needed"),
	],
)
def test_official_date_errors(value: object, word: str) -> None:
	with pytest.raises(DomainValidationError) as info:
		official_date(value)  # type: ignore[arg-type]
	assert word in assert_clerk_message(info.value)
