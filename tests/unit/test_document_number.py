import dataclasses

import pytest
from domain_asserts import assert_clerk_message

from wuse_app.domain import (
	DOCUMENT_NUMBER_PATTERN,
	DocumentNumber,
	DomainValidationError,
	format_document_number,
	is_valid_document_number,
	parse_document_number,
)

EXAMPLE = "正阳办事处发〔2022〕95号"


def parse_error(text: str) -> str:
	with pytest.raises(DomainValidationError) as info:
		parse_document_number(text)
	return assert_clerk_message(info.value)


def format_error(series: object, year: object, sequence: object) -> str:
	with pytest.raises(DomainValidationError) as info:
		format_document_number(series, year, sequence)  # type: ignore[arg-type]
	return assert_clerk_message(info.value)


def test_format_reference_example() -> None:
	result = format_document_number("正阳办事处发", 2022, 95)
	assert result == EXAMPLE
	assert "\u3014" in result and "\u3015" in result  # 〔 〕 hexagonal brackets


@pytest.mark.parametrize(
	("series", "year", "sequence", "expected"),
	[
		("正阳办事处发", 2022, 1, "正阳办事处发〔2022〕1号"),
		("正阳办事处发", 2022, 10, "正阳办事处发〔2022〕10号"),
		("正阳办", 2023, 100, "正阳办〔2023〕100号"),
		("黔江民政发", 1999, 1234, "黔江民政发〔1999〕1234号"),
		(" 正阳办事处发 ", 2022, 95, EXAMPLE),  # surrounding spaces from a form field are trimmed
		("正阳办事处发", 1000, 1, "正阳办事处发〔1000〕1号"),
		("正阳办事处发", 9999, 1, "正阳办事处发〔9999〕1号"),
	],
)
def test_format(series: str, year: int, sequence: int, expected: str) -> None:
	assert format_document_number(series, year, sequence) == expected
	assert parse_document_number(expected) == DocumentNumber(series.strip(), year, sequence)


@pytest.mark.parametrize(
	("series", "year", "sequence", "word"),
	[
		("", 2022, 1, "series"),
		("   ", 2022, 1, "series"),
		(None, 2022, 1, "series"),
		("正阳 办事处发", 2022, 1, "spaces"),
		("正阳\u3000办事处发", 2022, 1, "spaces"),
		("正阳〔办〕发", 2022, 1, "brackets"),
		("正阳【办】发", 2022, 1, "brackets"),
		("正阳(办)发", 2022, 1, "brackets"),
		("正阳（办）发", 2022, 1, "brackets"),
		("正阳[办]发", 2022, 1, "brackets"),
		("正阳［办］发", 2022, 1, "brackets"),
		("正阳办事处发", 22, 1, "4 digits"),
		("正阳办事处发", 999, 1, "4 digits"),
		("正阳办事处发", 10000, 1, "4 digits"),
		("正阳办事处发", "2022", 1, "4 digits"),
		("正阳办事处发", True, 1, "4 digits"),
		("正阳办事处发", 2022, 0, "1 or more"),
		("正阳办事处发", 2022, -5, "1 or more"),
		("正阳办事处发", 2022, "5", "1 or more"),
		("正阳办事处发", 2022, 1.0, "1 or more"),
		("正阳办事处发", 2022, True, "1 or more"),
	],
)
def test_format_rejects_bad_parts(series: object, year: object, sequence: object, word: str) -> None:
	assert word in format_error(series, year, sequence)


def test_parse_reference_example() -> None:
	parsed = parse_document_number(EXAMPLE)
	assert parsed == DocumentNumber(series="正阳办事处发", year=2022, sequence=95)
	assert str(parsed) == EXAMPLE
	assert is_valid_document_number(EXAMPLE)


def test_document_number_is_frozen_and_validated() -> None:
	parsed = parse_document_number(EXAMPLE)
	with pytest.raises(dataclasses.FrozenInstanceError):
		parsed.year = 2023  # type: ignore[misc]
	with pytest.raises(DomainValidationError):
		DocumentNumber("正阳办事处发", 22, 95)
	with pytest.raises(DomainValidationError):
		DocumentNumber("正阳办事处发", 2022, 0)


@pytest.mark.parametrize(
	("text", "expected"),
	[
		(" 正阳办事处发〔2022〕95号 ", EXAMPLE),
		("正阳办事处发〔２０２２〕９５号", EXAMPLE),  # full-width digits
		("正阳办事处发〔2022〕1号", "正阳办事处发〔2022〕1号"),
	],
)
def test_parse_normalises(text: str, expected: str) -> None:
	assert str(parse_document_number(text)) == expected


# Reference section 1.2: the regex passes the example and fails these four.
REFERENCE_INVALID = [
	("正阳办事处发〔22〕95号", ("in full", "4 digits", "〔22〕")),
	("正阳办事处发〔2022〕095号", ("zeros", "95号", "095号")),
	("正阳办事处发〔2022〕第95号", ("第", "〔2022〕95号", "〔2022〕第95号")),
	("正阳办事处发[2022]95号", ("hexagonal brackets 〔〕", "not []")),
]


def test_reference_regex() -> None:
	assert (
		DOCUMENT_NUMBER_PATTERN.pattern
		== r"^(?P<daizi>[^〔〕\s]+)〔(?P<year>[0-9]{4})〕(?P<seq>[1-9][0-9]*)号$"
	)
	match = DOCUMENT_NUMBER_PATTERN.match(EXAMPLE)
	assert match is not None
	assert match.group("daizi", "year", "seq") == ("正阳办事处发", "2022", "95")
	for text, _words in REFERENCE_INVALID:
		assert DOCUMENT_NUMBER_PATTERN.match(text) is None


@pytest.mark.parametrize(("text", "words"), REFERENCE_INVALID)
def test_reference_invalid_vectors(text: str, words: tuple[str, ...]) -> None:
	message = parse_error(text)
	for word in words:
		assert word in message
	assert not is_valid_document_number(text)


@pytest.mark.parametrize(
	("text", "pair"),
	[
		("正阳办事处发【2022】95号", "【】"),
		("正阳办事处发[2022]95号", "[]"),
		("正阳办事处发(2022)95号", "()"),
		("正阳办事处发（2022）95号", "（）"),
		("正阳办事处发［2022］95号", "［］"),
		("正阳办事处发〖2022〗95号", "〖〗"),
		("正阳办事处发﹝2022﹞95号", "﹝﹞"),
		("正阳办事处发{2022}95号", "{}"),
		("正阳办事处发〔2022】95号", "【】"),  # mixed
		("正阳办事处发（2022〕95号", "（）"),
	],
)
def test_wrong_brackets(text: str, pair: str) -> None:
	message = parse_error(text)
	assert "hexagonal brackets 〔〕" in message
	assert f"not {pair}" in message


@pytest.mark.parametrize(
	("text", "words"),
	[
		("", ("Please enter",)),
		("   ", ("Please enter",)),
		("正阳办事处发 〔2022〕95号", ("spaces",)),
		("正阳办事处发2022年95号", ("hexagonal brackets",)),
		("正阳办事处发〔2022〔95号", ("hexagonal brackets",)),
		("正阳办事处发〔2022〕〔2023〕95号", ("hexagonal brackets",)),
		("正阳办事处发〕2022〔95号", ("〕 must come after 〔",)),
		("〔2022〕95号", ("series", "机关代字")),
		("正阳办事处发〔〕95号", ("year inside the brackets",)),
		("正阳办事处发〔二〇二二〕95号", ("Arabic digits", "二〇二二")),
		("正阳办事处发〔20二2〕95号", ("Arabic digits",)),
		("正阳办事处发〔98〕95号", ("in full", "〔98〕")),
		("正阳办事处发〔202〕95号", ("4 digits", "〔202〕")),
		("正阳办事处发〔20222〕95号", ("4 digits", "〔20222〕")),
		("正阳办事处发〔0999〕95号", ("4 digits",)),
		("正阳办事处发〔2022〕95", ("end with 号",)),
		("正阳办事处发〔2022〕95号文", ("end with 号",)),
		("正阳办事处发〔2022〕", ("end with 号",)),
		("正阳办事处发〔2022〕号", ("missing",)),
		("正阳办事处发〔2022〕九十五号", ("Arabic digits", "九十五号")),
		("正阳办事处发〔2022〕0号", ("starts at 1",)),
		("正阳办事处发〔2022〕00号", ("starts at 1",)),
		("正阳办事处发〔2022〕01号", ("zeros", "write 1号", "not 01号")),
		("正阳办事处发〔2022〕第1号", ("第", "〔2022〕1号")),
		("正阳办事处发〔2022〕第95", ("第", "〔2022〕95号")),
	],
)
def test_parse_errors(text: str, words: tuple[str, ...]) -> None:
	message = parse_error(text)
	for word in words:
		assert word in message


def test_parse_handles_none() -> None:
	assert "Please enter" in parse_error(None)  # type: ignore[arg-type]
	assert is_valid_document_number(None) is False  # type: ignore[arg-type]
