"""Community consultation rules: required participant types, votes, major items."""

from __future__ import annotations

import pytest
from domain_asserts import assert_clerk_message

from wuse_app.domain import consultation as c
from wuse_app.domain.errors import DomainValidationError


def test_required_types_default_to_the_four_the_seed_names():
	text = "\n".join(c.DEFAULT_REQUIRED_TYPES)
	assert c.parse_required_types(text) == [
		"Social Worker",
		"Social Organization",
		"Volunteer",
		"Charity Resource",
	]
	assert c.parse_required_types(" Volunteer \n\nVolunteer") == ["Volunteer"]
	assert c.parse_required_types(None) == []
	with pytest.raises(DomainValidationError, match="not a participant type"):
		c.parse_required_types("Mayor")


def test_completion_names_the_missing_types():
	required = list(c.DEFAULT_REQUIRED_TYPES)
	assert c.missing_participant_types(["Resident", "Volunteer", "Social Worker"], required) == [
		"Social Organization",
		"Charity Resource",
	]
	with pytest.raises(DomainValidationError) as error:
		c.validate_completion(["Volunteer"], required)
	assert "Social Organization" in assert_clerk_message(error.value)
	c.validate_completion([*required, "Resident"], required)


def test_votes_never_exceed_the_participants_present():
	c.validate_vote("1", c.Vote(5, 2, 1), 8)
	with pytest.raises(DomainValidationError) as error:
		c.validate_vote("2", c.Vote(5, 3, 1), 8)
	assert "9 votes recorded but only 8" in assert_clerk_message(error.value)
	with pytest.raises(DomainValidationError, match="not negative"):
		c.validate_vote("3", c.Vote(-1, 0, 0), 8)


def test_a_major_item_needs_the_party_review():
	c.validate_major_items_reviewed([("1", False, False), ("2", True, True)])
	with pytest.raises(DomainValidationError, match="Item 3 is a major matter"):
		c.validate_major_items_reviewed([("3", True, False)])
