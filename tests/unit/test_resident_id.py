import dataclasses
from datetime import date

import pytest
from domain_asserts import assert_clerk_message

from wuse_app.domain import (
	DomainValidationError,
	ResidentId,
	is_valid_resident_id,
	mask_resident_id,
	normalize_resident_id,
	parse_resident_id,
	resident_id_check_char,
	upgrade_legacy_resident_id,
)
from wuse_app.domain.resident_id import _WEIGHTS, VALID_PROVINCE_CODES

TODAY = date(2026, 11, 1)


def with_check(body17: str) -> str:
	return body17 + resident_id_check_char(body17)


def parse_error(raw: str, today: date = TODAY) -> DomainValidationError:
	with pytest.raises(DomainValidationError) as info:
		parse_resident_id(raw, today=today)
	assert_clerk_message(info.value)
	return info.value


# Reference section 2 test vectors (valid ones).
@pytest.mark.parametrize(
	("raw", "number", "birth_date", "gender"),
	[
		("11010519491231002X", "11010519491231002X", date(1949, 12, 31), "Female"),  # Annex A, Beijing 朝阳
		("440524188001010014", "440524188001010014", date(1880, 1, 1), "Male"),  # Annex A, born 1880
		("50011419900101001X", "50011419900101001X", date(1990, 1, 1), "Male"),  # synthetic 黔江区
		("500114198512310028", "500114198512310028", date(1985, 12, 31), "Female"),
		("500114200002290039", "500114200002290039", date(2000, 2, 29), "Male"),  # leap day
		("11010519491231002x", "11010519491231002X", date(1949, 12, 31), "Female"),  # lower-case x
	],
)
def test_reference_valid_vectors(raw: str, number: str, birth_date: date, gender: str) -> None:
	parsed = parse_resident_id(raw, today=TODAY)
	assert parsed == ResidentId(
		number=number,
		region_code=number[:6],
		birth_date=birth_date,
		gender=gender,
		upgraded_from_legacy=False,
	)
	assert is_valid_resident_id(raw)
	assert str(parsed) == number


# Reference section 2 test vectors (invalid ones).
@pytest.mark.parametrize(
	("raw", "expected_words"),
	[
		("500114199902290010", ("19990229", "not a real date")),  # 1999-02-29 does not exist
		("110105194912310021", ("not valid", "ID card")),  # wrong check character (should be X)
	],
)
def test_reference_invalid_vectors(raw: str, expected_words: tuple[str, ...]) -> None:
	message = str(parse_error(raw))
	for word in expected_words:
		assert word in message
	assert not is_valid_resident_id(raw)


def test_reference_worked_check_character_example() -> None:
	body = "34052419800101001"
	assert sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) == 189
	assert 189 % 11 == 2
	assert resident_id_check_char(body) == "X"
	assert parse_resident_id(body + "X", today=TODAY).number == "34052419800101001X"


def test_check_character_of_reference_numbers() -> None:
	assert resident_id_check_char("11010519491231002") == "X"
	assert resident_id_check_char("44052418800101001") == "4"
	assert resident_id_check_char("50011420000229003") == "9"


def test_weights_are_powers_of_two_mod_11() -> None:
	assert _WEIGHTS == tuple(pow(2, 18 - i, 11) for i in range(1, 18))
	assert _WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@pytest.mark.parametrize(
	"number", ["11010519491231002X", "440524188001010014", "50011419900101001X", "500114198512310028"]
)
def test_full_weighted_sum_is_one_mod_11(number: str) -> None:
	values = [10 if char == "X" else int(char) for char in number]
	assert sum(v * w for v, w in zip(values, (*_WEIGHTS, 1), strict=True)) % 11 == 1


def test_every_remainder_maps_to_its_check_character() -> None:
	seen = {}
	for last in range(100):
		body = f"500114199001010{last:02d}"
		seen[resident_id_check_char(body)] = body
	assert set(seen) == set("0123456789X")


@pytest.mark.parametrize("bad", ["", "1234567890123456", "123456789012345678", "1101051949123100X", None])
def test_check_char_rejects_bad_bodies(bad: str) -> None:
	with pytest.raises(DomainValidationError) as info:
		resident_id_check_char(bad)
	assert_clerk_message(info.value)


def test_legacy_upgrade_reference_vector() -> None:
	assert upgrade_legacy_resident_id("130503670401001") == "130503196704010016"
	parsed = parse_resident_id("130503670401001", today=TODAY)
	assert parsed.number == "130503196704010016"
	assert parsed.upgraded_from_legacy is True
	assert parsed.birth_date == date(1967, 4, 1)
	assert parsed.gender == "Male"
	assert parsed.region_code == "130503"
	# The upgraded number is an ordinary valid 18-digit number.
	assert parse_resident_id("130503196704010016", today=TODAY).upgraded_from_legacy is False


def test_legacy_upgrade_accepts_spaces_and_full_width() -> None:
	assert upgrade_legacy_resident_id(" 130503 670401 001 ") == "130503196704010016"
	assert upgrade_legacy_resident_id("１３０５０３６７０４０１００１") == "130503196704010016"


def test_legacy_female_and_check_x() -> None:
	# Sequence 002 is even, so female.
	number = upgrade_legacy_resident_id("110105491231002")
	assert number == "11010519491231002X"
	assert parse_resident_id("110105491231002", today=TODAY).gender == "Female"


@pytest.mark.parametrize(
	("raw", "word"),
	[
		("13050367040100", "15 digits"),
		("1305036704010011", "15 digits"),
		("13050367040100X", "15 digits"),
		("130503671301001", "671301"),  # month 13
		("130503670230001", "670230"),  # 30 February
	],
)
def test_legacy_upgrade_errors(raw: str, word: str) -> None:
	with pytest.raises(DomainValidationError) as info:
		upgrade_legacy_resident_id(raw)
	assert word in assert_clerk_message(info.value)


@pytest.mark.parametrize(
	("raw", "word"),
	[
		("13050367040100X", "only contain digits"),
		("130503671301001", "671301"),
		("000503670401001", "00"),
		("990503670401001", "99"),
	],
)
def test_legacy_parse_errors(raw: str, word: str) -> None:
	assert word in str(parse_error(raw))


def test_legacy_number_in_the_future_is_impossible_but_checked() -> None:
	# Legacy numbers always mean 19xx; with a "today" in 1960 a 1967 birth is in the future.
	assert "in the future" in str(parse_error("130503670401001", today=date(1960, 1, 1)))


@pytest.mark.parametrize(
	("raw", "expected"),
	[
		("50011419900101001x", "50011419900101001X"),
		(" 500114 19900101 001X ", "50011419900101001X"),
		("500114\u300019900101\u3000001X", "50011419900101001X"),  # ideographic (full-width) space
		("５００１１４１９９００１０１００１Ｘ", "50011419900101001X"),  # full-width digits and Ｘ
		("５００１１４１９９００１０１００１ｘ", "50011419900101001X"),  # full-width lower-case ｘ
		("\t50011419900101001X\n", "50011419900101001X"),
		("", ""),
	],
)
def test_normalize(raw: str, expected: str) -> None:
	assert normalize_resident_id(raw) == expected
	if expected:
		assert parse_resident_id(raw, today=TODAY).number == expected


@pytest.mark.parametrize(
	("raw", "word"),
	[
		("", "Please enter"),
		("   ", "Please enter"),
		("\u3000", "Please enter"),
		("5001141990010100", "16"),
		("50011419900101001", "17"),
		("50011419900101001X1", "19"),
		("500114199001010010123", "21"),
	],
)
def test_empty_and_wrong_length(raw: str, word: str) -> None:
	message = str(parse_error(raw))
	assert word in message
	if word.isdigit():
		assert "18 characters" in message


@pytest.mark.parametrize(
	("raw", "word"),
	[
		("5001141990010X0019", "X may only be the last"),
		("X00114199001010019", "X may only be the last"),
		("50011419900101001Y", "“Y”"),
		("500114-99001010019", "“-”"),
		("50011419900101001A", "“A”"),
		("五00114199001010019", "“五”"),
	],
)
def test_bad_characters(raw: str, word: str) -> None:
	assert word in str(parse_error(raw))


@pytest.mark.parametrize(
	"province",
	[
		"00",
		"10",
		"16",
		"20",
		"24",
		"30",
		"38",
		"40",
		"47",
		"55",
		"60",
		"66",
		"70",
		"72",
		"80",
		"84",
		"91",
		"99",
	],
)
def test_unknown_province_code(province: str) -> None:
	raw = with_check(province + "011419900101001")
	message = str(parse_error(raw))
	assert province in message
	assert "province" in message


@pytest.mark.parametrize("province", sorted(VALID_PROVINCE_CODES))
def test_every_valid_province_code(province: str) -> None:
	assert (
		parse_resident_id(with_check(province + "011419900101001"), today=TODAY).region_code[:2] == province
	)


def test_valid_province_list_matches_reference() -> None:
	expected = {
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
	}
	assert {int(code) for code in VALID_PROVINCE_CODES} == expected


@pytest.mark.parametrize(
	"birth", ["19900230", "19901301", "19900001", "19900100", "00000101", "19000229", "21000229"]
)
def test_impossible_birth_dates(birth: str) -> None:
	message = str(parse_error(with_check("500114" + birth + "001")))
	assert birth in message
	assert "not a real date" in message


def test_leap_days() -> None:
	assert parse_resident_id(with_check("50011420000229001"), today=TODAY).birth_date == date(2000, 2, 29)
	assert parse_resident_id(with_check("50011419960229001"), today=TODAY).birth_date == date(1996, 2, 29)


def test_future_birth_date_is_rejected_relative_to_today() -> None:
	number = with_check("50011420300101001")
	message = str(parse_error(number, today=date(2029, 12, 31)))
	assert "2030-01-01" in message
	assert "future" in message
	assert parse_resident_id(number, today=date(2030, 1, 1)).birth_date == date(2030, 1, 1)
	assert not is_valid_resident_id(number, today=date(2029, 12, 31))
	assert is_valid_resident_id(number, today=date(2030, 1, 2))


def test_default_today_is_the_real_date() -> None:
	far_future = with_check("50011499990101001")
	assert not is_valid_resident_id(far_future)
	assert is_valid_resident_id("50011419900101001X")


def test_no_1900_floor() -> None:
	assert parse_resident_id("440524188001010014", today=TODAY).birth_date.year == 1880
	assert parse_resident_id(with_check("50011418500615002"), today=TODAY).birth_date == date(1850, 6, 15)


@pytest.mark.parametrize(
	("sequence", "gender"),
	[("001", "Male"), ("002", "Female"), ("019", "Male"), ("998", "Female"), ("999", "Male")],
)
def test_gender_from_sequence_parity(sequence: str, gender: str) -> None:
	assert parse_resident_id(with_check("50011419900101" + sequence), today=TODAY).gender == gender


@pytest.mark.parametrize("wrong", "0123456789X")
def test_every_wrong_check_character_is_rejected(wrong: str) -> None:
	body = "50011419900101001"
	if wrong == resident_id_check_char(body):
		assert is_valid_resident_id(body + wrong, today=TODAY)
	else:
		assert "not valid" in str(parse_error(body + wrong))


def test_single_digit_typo_is_always_caught() -> None:
	number = "50011419900101001X"
	for position in range(17):
		for digit in "0123456789":
			if digit == number[position]:
				continue
			typo = number[:position] + digit + number[position + 1 :]
			assert not is_valid_resident_id(typo, today=TODAY), typo


def test_resident_id_is_frozen() -> None:
	parsed = parse_resident_id("50011419900101001X", today=TODAY)
	with pytest.raises(dataclasses.FrozenInstanceError):
		parsed.number = "x"  # type: ignore[misc]
	assert parsed.masked == "500114********001X"


@pytest.mark.parametrize(
	("raw", "masked"),
	[
		("50011419900101001X", "500114********001X"),
		("50011419900101001x", "500114********001X"),
		(" 500114 19900101 001X ", "500114********001X"),
		("11010519491231002X", "110105********002X"),
		("440524188001010014", "440524********0014"),
		("130503670401001", "130503******001"),
	],
)
def test_mask(raw: str, masked: str) -> None:
	result = mask_resident_id(raw)
	assert result == masked
	assert normalize_resident_id(raw)[6:14] not in result


@pytest.mark.parametrize(
	"raw", ["", " ", "5", "500114", "5001141990", "50011419900101001", "张三", "not an id number!", None]
)
def test_mask_never_reveals_malformed_input(raw: str) -> None:
	result = mask_resident_id(raw)
	assert result == "*" * 18
	assert set(result) == {"*"}


@pytest.mark.parametrize(
	"raw",
	["", "1", "50011419900101001Y", "500114199902290010", "110105194912310021", "X00114199001010019"],
)
def test_is_valid_never_raises(raw: str) -> None:
	assert is_valid_resident_id(raw, today=TODAY) is False
