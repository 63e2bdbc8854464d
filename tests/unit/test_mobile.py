import pytest
from domain_asserts import assert_clerk_message

from wuse_app.domain import DomainValidationError, is_valid_mobile, mask_mobile, normalize_mobile


def normalize_error(raw: str) -> str:
	with pytest.raises(DomainValidationError) as info:
		normalize_mobile(raw)
	return assert_clerk_message(info.value)


@pytest.mark.parametrize(
	"number",
	[
		"13800138000",
		"13912345678",
		"15012345678",
		"16612345678",  # 16x
		"17012345678",
		"18912345678",
		"19212345678",  # 192 中国广电
		"19912345678",
		"14712345678",  # an 11-digit 14x segment is still a normal-length number
	],
)
def test_valid_numbers(number: str) -> None:
	assert normalize_mobile(number) == number
	assert is_valid_mobile(number)


@pytest.mark.parametrize(
	"raw",
	[
		"+8613800138000",
		"+86 138 0013 8000",
		"+86-138-0013-8000",
		"(+86) 138-0013-8000",
		"(+86)13800138000",
		"008613800138000",
		"0086 138 0013 8000",
		"8613800138000",
		"86 138 0013 8000",
		"138 0013 8000",
		"138-0013-8000",
		"(138)00138000",
		" 13800138000 ",
		"138\u30000013\u30008000",  # ideographic (full-width) spaces
		"１３８００１３８０００",  # full-width digits
		"１３８－００１３－８０００",  # full-width hyphens
		"（＋８６）１３８ ００１３ ８０００",  # full-width parentheses and plus
		"138\u20140013\u20138000",  # em dash, en dash
	],
)
def test_normalization(raw: str) -> None:
	assert normalize_mobile(raw) == "13800138000"
	assert is_valid_mobile(raw)


@pytest.mark.parametrize(
	("raw", "words"),
	[
		("", ("Please enter",)),
		("  ", ("Please enter",)),
		("--()", ("Please enter",)),
		("1440000000000", ("13-digit", "IoT", "11-digit")),  # reference: IoT 13-digit numbers fail
		("1400000000000", ("13-digit", "IoT")),
		("1410000000000", ("13-digit", "IoT")),
		("1460000000000", ("13-digit", "IoT")),
		("1480000000000", ("13-digit", "IoT")),
		("1380013800", ("11 digits", "10")),
		("138001380001", ("11 digits", "12")),
		("861380013800", ("11 digits", "12")),  # "86" is only a prefix when 11 digits remain
		("+86138001380", ("11 digits", "9")),
		("12800138000", ("13 to 19", "12")),
		("11800138000", ("13 to 19", "11")),
		("10000000000", ("13 to 19", "10")),
		("23800138000", ("13 to 19", "23")),
		("02379222222", ("landline",)),
		("023-7922-2222", ("landline",)),
		("138OO138000", ("“O”", "only digits")),
		("1380013800a", ("“a”", "only digits")),
		("138.0013.8000", ("“.”",)),
		("+44 7700 900123", ("mainland",)),
		("+1 415 555 0100", ("mainland",)),
	],
)
def test_invalid_numbers(raw: str, words: tuple[str, ...]) -> None:
	message = normalize_error(raw)
	for word in words:
		assert word in message
	assert not is_valid_mobile(raw)


def test_is_valid_mobile_handles_none() -> None:
	assert is_valid_mobile(None) is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
	("raw", "masked"),
	[
		("13800138000", "138****8000"),
		("+86 138-0013-8000", "138****8000"),
		("19212345678", "192****5678"),
	],
)
def test_mask(raw: str, masked: str) -> None:
	result = mask_mobile(raw)
	assert result == masked
	assert "0013" not in result or raw == "19212345678"


@pytest.mark.parametrize("raw", ["", "1", "138", "1380013800", "1440000000000", "02379222222", "abc", None])
def test_mask_never_reveals_invalid_input(raw: str) -> None:
	assert mask_mobile(raw) == "*" * 11
