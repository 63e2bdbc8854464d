"""Issuing rules for official documents (framework-free part)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from domain_asserts import assert_clerk_message

from wuse_app.domain import official_document as rules
from wuse_app.domain.errors import DomainValidationError


def error_of(function, *args) -> str:
	with pytest.raises(DomainValidationError) as info:
		function(*args)
	return assert_clerk_message(info.value)


def test_sequence_key_is_per_series_and_year():
	assert rules.sequence_key("正阳办事处发", 2022) == "Official Document|正阳办事处发|2022"
	assert rules.sequence_key("正阳办事处发", 2023) != rules.sequence_key("正阳办事处发", 2022)
	assert rules.sequence_key("正阳办事处函", 2022) != rules.sequence_key("正阳办事处发", 2022)


def test_document_number():
	assert rules.document_number("正阳办事处发", 2022, 95) == "正阳办事处发〔2022〕95号"
	with pytest.raises(DomainValidationError):
		rules.document_number("正阳〔办事处发", 2022, 1)


@pytest.mark.parametrize(
	("year", "document_date", "expected"),
	[
		(2021, "2022-08-29", 2021),
		(None, "2022-08-29", 2022),
		(0, date(2023, 1, 1), 2023),
		(None, datetime(2024, 5, 6, 7, 8), 2024),
	],
)
def test_document_year(year, document_date, expected):
	assert rules.document_year(year, document_date) == expected


def test_document_year_needs_something():
	assert "year" in error_of(rules.document_year, None, None)


def test_nobody_issues_their_own_draft():
	assert "another reviewer" in error_of(rules.check_can_issue, "a@example.com", "a@example.com")
	rules.check_can_issue("b@example.com", "a@example.com")
	rules.check_can_issue("Administrator", "Administrator")


def test_issue_only_from_a_review_state():
	rules.check_issue_from_review(rules.PENDING_REVIEW, True)
	assert "Draft" in error_of(rules.check_issue_from_review, rules.DRAFT, False)
	assert "Draft" in error_of(rules.check_issue_from_review, None, False)


def test_return_needs_a_reason():
	for reason in (None, "", "   "):
		assert "reason" in error_of(rules.check_return_reason, reason)
	rules.check_return_reason("标题有误")


def test_manual_sequence_number():
	rules.check_manual_sequence_number(None)
	rules.check_manual_sequence_number(0)
	rules.check_manual_sequence_number(95)
	assert "-3" in error_of(rules.check_manual_sequence_number, -3)


def test_changed_fields_compare_as_the_form_and_the_database_do():
	before = {"title": "通知", "year": 2022, "document_date": date(2022, 8, 29), "cc": None, "flag": 0}
	after = {"title": "通知", "year": "2022", "document_date": "2022-08-29", "cc": "", "flag": None}
	assert rules.changed_fields(before, after, before) == []
	after["title"] = "新通知"
	after["cc"] = "区民政局"
	assert rules.changed_fields(before, after, before) == ["title", "cc"]


def test_locked_message_names_the_fields():
	message = error_of(rules.check_unchanged_after_issue, ["Title", "Body"])
	assert "Title, Body" in message
	rules.check_unchanged_after_issue([])
