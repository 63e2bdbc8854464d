"""Wuse Sequence: what it guarantees that a naming series does not (see its class docstring)."""

from __future__ import annotations

import frappe
import pytest

from wuse_app.wuse_setup.doctype.wuse_sequence.wuse_sequence import next_value, peek_value


@pytest.fixture
def key():
	return f"TEST|{frappe.generate_hash(length=8)}"


def test_numbers_start_at_one_and_follow_each_other(key):
	assert peek_value(key) == 0
	assert [next_value(key), next_value(key), next_value(key)] == [1, 2, 3]
	assert peek_value(key) == 3


def test_a_rolled_back_issue_gives_its_number_back(key):
	next_value(key)
	frappe.db.savepoint("issue")
	assert next_value(key) == 2
	frappe.db.rollback(save_point="issue")  # issuing failed after taking the number
	assert next_value(key) == 2


def test_each_series_and_year_counts_on_its_own(key):
	other = key + "|2023"
	assert (next_value(key), next_value(key), next_value(other)) == (1, 2, 1)


@pytest.mark.parametrize("role", ["System Manager", "Wuse Administrator"])
def test_no_role_can_set_a_counter_back(role):
	perms = [perm for perm in frappe.get_meta("Wuse Sequence").permissions if perm.role == role]
	assert perms and all(perm.read for perm in perms)
	assert not any(perm.write or perm.create or perm.delete or perm.get("import") for perm in perms)
