"""Property-based tests; skipped when hypothesis is not installed."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from wuse_app.domain import (
	USCC_CHARSET,
	VALID_PROVINCE_CODES,
	format_document_number,
	is_valid_resident_id,
	is_valid_uscc,
	mask_mobile,
	mask_resident_id,
	normalize_mobile,
	parse_document_number,
	parse_resident_id,
	parse_uscc,
	resident_id_check_char,
	rmb_in_capitals,
	uscc_check_char,
)

try:
	from hypothesis import given, settings
	from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is optional
	pytest.skip("hypothesis is not installed", allow_module_level=True)

TODAY = date(2026, 11, 1)
settings.register_profile("domain", max_examples=300, deadline=None, database=None)
settings.load_profile("domain")

provinces = st.sampled_from(sorted(VALID_PROVINCE_CODES))
birth_dates = st.dates(min_value=date(1800, 1, 1), max_value=TODAY)
digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


@st.composite
def resident_bodies(draw: st.DrawFn) -> tuple[str, date, int]:
	province = draw(provinces)
	rest_of_region = draw(st.text(alphabet="0123456789", min_size=4, max_size=4))
	birth = draw(birth_dates)
	sequence = draw(st.integers(min_value=0, max_value=999))
	return f"{province}{rest_of_region}{birth:%Y%m%d}{sequence:03d}", birth, sequence


@given(resident_bodies())
def test_any_body_with_its_check_character_parses(case: tuple[str, date, int]) -> None:
	body, birth, sequence = case
	parsed = parse_resident_id(body + resident_id_check_char(body), today=TODAY)
	assert parsed.number == body + resident_id_check_char(body)
	assert parsed.birth_date == birth
	assert parsed.region_code == body[:6]
	assert parsed.gender == ("Male" if sequence % 2 else "Female")


@given(resident_bodies(), st.sampled_from("0123456789X"))
def test_any_other_check_character_fails(case: tuple[str, date, int], check: str) -> None:
	body = case[0]
	assert is_valid_resident_id(body + check, today=TODAY) == (check == resident_id_check_char(body))


@given(resident_bodies(), st.integers(min_value=0, max_value=16), digits)
def test_any_single_digit_change_is_detected(case: tuple[str, date, int], position: int, digit: str) -> None:
	number = case[0] + resident_id_check_char(case[0])
	changed = number[:position] + digit + number[position + 1 :]
	if changed != number:
		assert not is_valid_resident_id(changed, today=TODAY)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), provinces)
def test_legacy_numbers_upgrade_to_valid_numbers(birth: date, province: str) -> None:
	legacy = f"{province}0114{birth:%y%m%d}001"
	parsed = parse_resident_id(legacy, today=TODAY)
	assert parsed.upgraded_from_legacy
	assert parsed.birth_date == birth
	assert parsed.number[:6] + parsed.number[8:17] == legacy


@given(resident_bodies(), st.integers(min_value=1, max_value=3650))
def test_future_birth_dates_fail(case: tuple[str, date, int], days: int) -> None:
	body = case[0]
	today = case[1] - timedelta(days=days)
	assert not is_valid_resident_id(body + resident_id_check_char(body), today=today)


@given(st.text(max_size=30))
def test_mask_never_reveals_the_middle(raw: str) -> None:
	masked = mask_resident_id(raw)
	assert len(masked) in (15, 18)
	if len(masked) == 18:
		assert masked[6:14] == "*" * 8
	else:
		assert masked[6:12] == "*" * 6


@given(resident_bodies())
def test_mask_of_a_valid_number(case: tuple[str, date, int]) -> None:
	number = case[0] + resident_id_check_char(case[0])
	assert mask_resident_id(number) == number[:6] + "********" + number[-4:]


@st.composite
def uscc_bodies(draw: st.DrawFn) -> str:
	department = draw(st.sampled_from("123456789ANY"))
	category = draw(st.sampled_from(USCC_CHARSET))
	region = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
	organization = draw(st.text(alphabet=USCC_CHARSET, min_size=9, max_size=9))
	return department + category + region + organization


@given(uscc_bodies())
def test_any_uscc_body_with_its_check_character_parses(body: str) -> None:
	parsed = parse_uscc(body + uscc_check_char(body))
	assert parsed.organization_code == body[8:17]
	assert len(parsed.warnings) in (0, 1)


@given(uscc_bodies(), st.integers(min_value=0, max_value=17), st.sampled_from(USCC_CHARSET))
def test_any_single_uscc_change_is_detected(body: str, position: int, char: str) -> None:
	code = body + uscc_check_char(body)
	changed = code[:position] + char + code[position + 1 :]
	if changed != code:
		assert not is_valid_uscc(changed)


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.sampled_from(["", "+86 ", "0086", "86", "+86-"]))
def test_mobile_round_trip(number: str, prefix: str) -> None:
	spaced = f"{prefix}{number[:3]} {number[3:7]}-{number[7:]}"
	assert normalize_mobile(spaced) == number
	assert mask_mobile(spaced) == number[:3] + "****" + number[7:]


@given(st.text(max_size=20))
def test_mobile_mask_reveals_at_most_seven_digits(raw: str) -> None:
	masked = mask_mobile(raw)
	assert len(masked) == 11
	assert masked[3:7] == "****"


@given(
	st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=10),
	st.integers(min_value=1000, max_value=9999),
	st.integers(min_value=1, max_value=100000),
)
def test_document_number_round_trip(series: str, year: int, sequence: int) -> None:
	text = format_document_number(series, year, sequence)
	parsed = parse_document_number(text)
	assert (parsed.series, parsed.year, parsed.sequence) == (series, year, sequence)
	assert str(parsed) == text


_VALUES = dict(zip("零壹贰叁肆伍陆柒捌玖", range(10), strict=True))
_UNITS = {"拾": 10, "佰": 100, "仟": 1000}


def _section(text: str) -> int:
	"""Value of a capitals string below 10^4 (零 ignored)."""
	total = 0
	digit = 0
	for char in text:
		if char in _VALUES:
			digit = _VALUES[char]
		else:
			total += digit * _UNITS[char]
			digit = 0
	return total + digit


def _below_yi(text: str) -> int:
	high, _sep, low = text.rpartition("万")
	return _section(high) * 10_000 + _section(low)


def capitals_to_cents(text: str) -> int:
	"""An independent reader for the capitals, used to check ``rmb_in_capitals`` round-trips."""
	if text == "零元整":
		return 0
	yuan_text, _sep, rest = text.rpartition("元")
	yi_text, has_yi, below = yuan_text.partition("亿")
	if not has_yi:
		yi_text, below = "", yuan_text
	yuan = _below_yi(yi_text) * 10**8 + _below_yi(below)
	jiao = _VALUES[rest[rest.index("角") - 1]] if "角" in rest else 0
	fen = _VALUES[rest[rest.index("分") - 1]] if "分" in rest else 0
	return yuan * 100 + jiao * 10 + fen


@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_rmb_capitals_round_trip(cents: int) -> None:
	amount = Decimal(cents) / 100
	text = rmb_in_capitals(amount)
	assert capitals_to_cents(text) == cents
	assert "零零" not in text
	assert not text.startswith("零") or text == "零元整"
	assert "零万" not in text and "零亿" not in text and "零元" not in text.replace("零元整", "")
	assert text.endswith("整") == (cents % 100 == 0)
	assert ("元" in text) == (cents >= 100 or cents == 0)


@given(st.integers(min_value=10**16, max_value=10**20))
def test_rmb_capitals_reject_huge_amounts(yuan: int) -> None:
	with pytest.raises(ValueError):
		rmb_in_capitals(yuan)
