"""Community consultation (协商议事): participants, votes, major items, completion.

Framework-free rules; the Consultation module's controllers call them with plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import DomainValidationError, _

PARTICIPANT_TYPES: tuple[str, ...] = (
	"Resident",
	"Community Committees",  # 社区两委
	"Party Organization",
	"Social Worker",
	"Social Organization",
	"Volunteer",
	"Charity Resource",
	"Other",
)
# The four the seed names (三(六)): the default of Wuse Settings' required participant types.
DEFAULT_REQUIRED_TYPES: tuple[str, ...] = (
	"Social Worker",
	"Social Organization",
	"Volunteer",
	"Charity Resource",
)


def parse_required_types(text: str | None) -> list[str]:
	"""One participant type per line (Wuse Settings); unknown types are refused."""
	types = [line.strip() for line in (text or "").splitlines() if line.strip()]
	for value in types:
		if value not in PARTICIPANT_TYPES:
			raise DomainValidationError(_("{value} is not a participant type."), value=value)
	return list(dict.fromkeys(types))


def missing_participant_types(present_types: Iterable[str], required: Sequence[str]) -> list[str]:
	present = set(present_types)
	return [value for value in required if value not in present]


def validate_completion(present_types: Iterable[str], required: Sequence[str]) -> None:
	missing = missing_participant_types(present_types, required)
	if missing:
		raise DomainValidationError(
			_("Participants of these types must be present to complete: {missing}."),
			missing=", ".join(missing),
		)


@dataclass(frozen=True)
class Vote:
	votes_for: int
	votes_against: int
	votes_abstain: int

	@property
	def total(self) -> int:
		return self.votes_for + self.votes_against + self.votes_abstain


def validate_vote(item: str, vote: Vote, present: int) -> None:
	"""Votes are whole, not negative, and never more than the participants present."""
	for value in (vote.votes_for, vote.votes_against, vote.votes_abstain):
		if value is None or int(value) != value or value < 0:
			raise DomainValidationError(
				_("Item {item}: votes must be whole numbers, not negative."), item=item
			)
	if vote.total > present:
		raise DomainValidationError(
			_("Item {item}: {votes} votes recorded but only {present} participants are present."),
			item=item,
			votes=vote.total,
			present=present,
		)


def validate_major_items_reviewed(items: Iterable[tuple[str, bool, bool]]) -> None:
	"""(item, is_major, party_reviewed): a major item's decision is final only after the party review."""
	for item, is_major, reviewed in items:
		if is_major and not reviewed:
			raise DomainValidationError(
				_("Item {item} is a major matter: record the party organisation's review first."),
				item=item,
			)
