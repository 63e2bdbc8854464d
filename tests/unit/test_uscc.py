import dataclasses

import pytest
from domain_asserts import assert_clerk_message

from wuse_app.domain import (
	CIVIL_AFFAIRS_CATEGORIES,
	USCC_CHARSET,
	DomainValidationError,
	Uscc,
	check_category_matches_type,
	expected_categories_for_organization_type,
	is_valid_uscc,
	normalize_uscc,
	organization_code_check_char,
	parse_uscc,
	uscc_check_char,
)
from wuse_app.domain.uscc import _ORG_CODE_WEIGHTS, _USCC_WEIGHTS

# Reference section 3: real codes that pass both checks.
REAL_VALID = [
	"53100000500021676K",  # 北京理工大学教育基金会
	"53100000500019795A",  # national 基金会
	"51100000500009247D",  # 中国复合材料工业协会 (社团)
	"51100000500012681T",
	"12100000400009127B",  # 事业单位
	"91350200776049653A",
	"91440101MA5CJQ4N59",
]
# Reference section 3: synthetic 黔江 social organisations (both checks computed).
SYNTHETIC_QIANJIANG = [
	"51500114MJP0000059",  # 社团
	"52500114MJP0000056",  # 社会服务机构
	"53500114MJP0000053",  # 基金会
]
# Reference section 3: invalid codes and the check character they should have had.
INVALID_WITH_EXPECTED = [
	("53100000500020462H", "K"),
	("51100000500000024G", "M"),
	("531000005000074012", "D"),
	("91310115MA1G4L1WXK", "7"),  # a blog's made-up "example"
]


def with_check(body17: str) -> str:
	return body17 + uscc_check_char(body17)


def parse_error(raw: str) -> DomainValidationError:
	with pytest.raises(DomainValidationError) as info:
		parse_uscc(raw)
	assert_clerk_message(info.value)
	return info.value


@pytest.mark.parametrize("code", REAL_VALID + SYNTHETIC_QIANJIANG)
def test_reference_valid_codes(code: str) -> None:
	parsed = parse_uscc(code)
	assert parsed == Uscc(
		code=code,
		department_code=code[0],
		category_code=code[:2],
		region_code=code[2:8],
		organization_code=code[8:17],
	)
	assert parsed.warnings == ()
	assert parsed.warning_messages == ()
	assert uscc_check_char(code[:17]) == code[17]
	assert organization_code_check_char(code[8:16]) == code[16]
	assert is_valid_uscc(code)
	assert str(parsed) == code


@pytest.mark.parametrize(("code", "expected_check"), INVALID_WITH_EXPECTED)
def test_reference_invalid_codes(code: str, expected_check: str) -> None:
	assert uscc_check_char(code[:17]) == expected_check
	message = str(parse_error(code))
	assert "not valid" in message
	assert not is_valid_uscc(code)
	# With the right check character the same body is accepted.
	assert parse_uscc(code[:17] + expected_check).code == code[:17] + expected_check


def test_whitelisted_real_code_fails_the_check_and_needs_an_override() -> None:
	# Reference: a public validator hard-whitelists this real code because it fails the pos-18 check.
	assert uscc_check_char("91350203M0001QAY9") == "9"
	assert not is_valid_uscc("91350203M0001QAY9B")


def test_synthetic_qianjiang_parts() -> None:
	parsed = parse_uscc("52500114MJP0000056")
	assert parsed.department_code == "5"
	assert parsed.category_code == "52"
	assert parsed.region_code == "500114"
	assert parsed.organization_code == "MJP000005"
	assert parsed.civil_affairs_category == "Social Service Agency"
	assert parse_uscc("91440101MA5CJQ4N59").civil_affairs_category is None


def test_uscc_is_frozen() -> None:
	parsed = parse_uscc("51500114MJP0000059")
	with pytest.raises(dataclasses.FrozenInstanceError):
		parsed.code = "x"  # type: ignore[misc]


def test_weights() -> None:
	assert _USCC_WEIGHTS == tuple(pow(3, i - 1, 31) for i in range(1, 18))
	assert _USCC_WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
	assert _ORG_CODE_WEIGHTS == (3, 7, 9, 10, 5, 8, 4, 2)


def test_charset() -> None:
	assert USCC_CHARSET == "0123456789ABCDEFGHJKLMNPQRTUWXY"
	assert len(USCC_CHARSET) == 31
	assert not set("IOZSV") & set(USCC_CHARSET)


def test_check_value_31_maps_to_0() -> None:
	# Σ ≡ 0 (mod 31) gives 31 - 0 = 31, which is written 0.
	assert uscc_check_char("0" * 17) == "0"
	body = next(
		"5150011400000000" + char
		for char in USCC_CHARSET
		if uscc_check_char("5150011400000000" + char) == "0"
	)
	assert parse_uscc(body + "0").code.endswith("0")


def test_every_check_character_is_reachable() -> None:
	reached = {uscc_check_char("5150011400000000" + char) for char in USCC_CHARSET}
	assert reached == set(USCC_CHARSET)


@pytest.mark.parametrize(
	("body8", "check"),
	[
		("D2143569", "X"),  # the usual GB 11714 example, D2143569-X (computed)
		("00000000", "0"),  # 11 - 0 = 11 → 0
		("77604965", "3"),  # inside 91350200776049653A
		("MA5CJQ4N", "5"),  # inside 91440101MA5CJQ4N59
		("MJP00000", "5"),
	],
)
def test_organization_code_check_char(body8: str, check: str) -> None:
	assert organization_code_check_char(body8) == check


def test_organization_code_uses_full_alphabet_values() -> None:
	# Letters the credit code never uses still have GB 11714 values (I = 18, Z = 35).
	assert organization_code_check_char("I0000000") == str(11 - 18 * 3 % 11)
	assert organization_code_check_char("Z0000000") == str(11 - 35 * 3 % 11)
	assert {organization_code_check_char(f"0000000{c}") for c in "0123456789A"} == set("0123456789X")


@pytest.mark.parametrize("bad", ["", "1234567", "123456789", "abcdefgh", "1234567-", None])
def test_organization_code_check_char_rejects_bad_input(bad: str) -> None:
	with pytest.raises(DomainValidationError) as info:
		organization_code_check_char(bad)
	assert_clerk_message(info.value)


@pytest.mark.parametrize("bad", ["", "5150011400000000", "515001140000000000", "5150011400000000O", None])
def test_uscc_check_char_rejects_bad_input(bad: str) -> None:
	with pytest.raises(DomainValidationError) as info:
		uscc_check_char(bad)
	assert_clerk_message(info.value)


def test_inner_organization_code_mismatch_is_a_warning() -> None:
	code = with_check("51500114MJP000004")  # the inner check should be 5
	parsed = parse_uscc(code)
	assert parsed.code == code
	assert len(parsed.warnings) == 1
	assert len(parsed.warning_messages) == 1
	warning = parsed.warning_messages[0]
	rendered = assert_clerk_message(warning)
	assert parsed.warnings[0] == rendered
	assert "MJP000004" in rendered
	assert "organisation-code check" in rendered
	assert warning.params["organization_code"] == "MJP000004"
	assert is_valid_uscc(code)


@pytest.mark.parametrize(
	("raw", "expected"),
	[
		("51500114mjp0000059", "51500114MJP0000059"),
		(" 5150 0114 MJP0 0000 59 ", "51500114MJP0000059"),
		("51500114\u3000MJP0000059", "51500114MJP0000059"),
		("５１５００１１４ＭＪＰ０００００５９", "51500114MJP0000059"),
		("", ""),
	],
)
def test_normalize(raw: str, expected: str) -> None:
	assert normalize_uscc(raw) == expected
	if expected:
		assert parse_uscc(raw).code == expected


@pytest.mark.parametrize(
	("raw", "word"),
	[
		("", "Please enter"),
		("  ", "Please enter"),
		("51500114MJP000005", "17"),
		("51500114MJP00000599", "19"),
		("5150011", "7"),
	],
)
def test_empty_and_wrong_length(raw: str, word: str) -> None:
	message = str(parse_error(raw))
	assert word in message
	if word.isdigit():
		assert "18 characters" in message


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_forbidden_letters_are_named(letter: str) -> None:
	raw = "51500114MJP" + letter + "000059"
	error = parse_error(raw)
	message = str(error)
	assert error.params["letter"] == letter
	assert f"letter {letter}" in message
	assert "I, O, Z, S and V" in message
	assert "look like" in message


@pytest.mark.parametrize(
	("raw", "char"), [("51500114MJP00000-9", "-"), ("51500114MJP0000#59", "#"), ("51500114MJP中000059", "中")]
)
def test_other_bad_characters(raw: str, char: str) -> None:
	message = str(parse_error(raw))
	assert f"“{char}”" in message


@pytest.mark.parametrize("department", ["0", "B", "C", "H", "M", "X"])
def test_unknown_department_code(department: str) -> None:
	message = str(parse_error(with_check(department + "1500114MJP000005")))
	assert department in message
	assert "1-9, A, N or Y" in message


@pytest.mark.parametrize("department", list("123456789ANY"))
def test_known_department_codes(department: str) -> None:
	code = with_check(department + "1500114MJP000005")
	assert parse_uscc(code).department_code == department


@pytest.mark.parametrize("region", ["5001A4", "A00114", "50011Y"])
def test_region_code_must_be_digits(region: str) -> None:
	message = str(parse_error(with_check("51" + region + "MJP000005")))
	assert region in message
	assert "3 to 8" in message


def test_single_character_typo_is_always_caught() -> None:
	code = "51500114MJP0000059"
	for position in range(18):
		for char in USCC_CHARSET:
			if char != code[position]:
				assert not is_valid_uscc(code[:position] + char + code[position + 1 :])


# Organisation type ↔ category prefix.


def test_civil_affairs_categories() -> None:
	assert dict(CIVIL_AFFAIRS_CATEGORIES) == {
		"51": "Social Group",
		"52": "Social Service Agency",
		"53": "Foundation",
		"59": "Other",
	}


@pytest.mark.parametrize(
	("org_type", "expected"),
	[
		("Social Group", {"51"}),
		("Social Service Agency", {"52"}),
		("Foundation", {"53"}),
		("Community Social Organization", {"51", "52", "59"}),
	],
)
def test_expected_categories(org_type: str, expected: set[str]) -> None:
	assert expected_categories_for_organization_type(org_type) == frozenset(expected)


@pytest.mark.parametrize("org_type", ["", "Company", "social group", None])
def test_unknown_organization_type(org_type: str) -> None:
	with pytest.raises(DomainValidationError) as info:
		expected_categories_for_organization_type(org_type)
	message = assert_clerk_message(info.value)
	assert "Social Group" in message


@pytest.mark.parametrize(
	("code", "org_type"),
	[
		("51500114MJP0000059", "Social Group"),
		("52500114MJP0000056", "Social Service Agency"),
		("53500114MJP0000053", "Foundation"),
		("51500114MJP0000059", "Community Social Organization"),
		("52500114MJP0000056", "Community Social Organization"),
		(with_check("59500114MJP000005"), "Community Social Organization"),
		("53100000500021676K", "Foundation"),
		("51100000500009247D", "Social Group"),
		("  52500114mjp0000056", "Social Service Agency"),
		("", "Foundation"),  # no code to compare; whether it is required is another rule
	],
)
def test_category_matches_type(code: str, org_type: str) -> None:
	check_category_matches_type(code, org_type)


@pytest.mark.parametrize(
	("code", "org_type", "words"),
	[
		("52500114MJP0000056", "Social Group", ("Social Service Agency (52)", "Social Group")),
		("51500114MJP0000059", "Foundation", ("Social Group (51)", "Foundation")),
		("53500114MJP0000053", "Community Social Organization", ("Foundation (53)", "Community")),
		(with_check("59500114MJP000005"), "Social Group", ("Other (59)", "Social Group")),
		("91440101MA5CJQ4N59", "Foundation", ("must begin with 53", "begins with 91")),
		("12100000400009127B", "Community Social Organization", ("51 / 52 / 59", "begins with 12")),
	],
)
def test_category_mismatch(code: str, org_type: str, words: tuple[str, ...]) -> None:
	with pytest.raises(DomainValidationError) as info:
		check_category_matches_type(code, org_type)
	message = assert_clerk_message(info.value)
	for word in words:
		assert word in message


def test_category_mismatch_example_sentence() -> None:
	with pytest.raises(DomainValidationError) as info:
		check_category_matches_type("52500114MJP0000056", "Social Group")
	assert str(info.value) == (
		"The credit code is for a Social Service Agency (52), but the organisation type is Social Group."
	)


def test_category_check_rejects_unknown_type_even_without_code() -> None:
	with pytest.raises(DomainValidationError):
		check_category_matches_type("", "Company")


# Organisation types administrators own (Organization Type.credit_code_categories) ---------------------
def test_categories_typed_by_an_administrator_are_parsed():
	from wuse_app.domain.uscc import parse_categories

	assert parse_categories("51, 52，59") == frozenset({"51", "52", "59"})
	assert parse_categories("") == frozenset()
	with pytest.raises(DomainValidationError):
		parse_categories("5")


def test_the_categories_of_an_administrators_type_decide():
	from wuse_app.domain.uscc import check_category_matches_type

	check_category_matches_type("", "社区枢纽型组织", frozenset({"59"}))  # no code: nothing to check
	with pytest.raises(DomainValidationError):
		check_category_matches_type("51500114MJP0000059", "社区枢纽型组织", frozenset({"59"}))
	check_category_matches_type("51500114MJP0000059", "社区枢纽型组织", frozenset({"51"}))
