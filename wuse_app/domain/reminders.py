"""催办 and escalation: when a document waiting in a state is overdue, and what is due for it.

Framework-free: wuse_app.approvals.reminders reads the states' limits (Workflow Document State's
time_limit_hours, escalate_after_hours, escalate_to_role) and when each document entered its state,
and acts on what these functions return.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

REMINDER = "Time-limit Reminder"
ESCALATION = "Escalation"
KINDS = (REMINDER, ESCALATION)


@dataclass(frozen=True)
class Due:
	"""What a waiting document is owed now: a reminder to its approvers, an escalation, or both."""

	hours_waited: float
	reminder: bool
	escalation: bool

	@property
	def overdue(self) -> bool:
		return self.reminder


def hours_between(start: datetime.datetime, end: datetime.datetime) -> float:
	return max((end - start).total_seconds(), 0) / 3600


def due(
	entered_at: datetime.datetime,
	now: datetime.datetime,
	time_limit_hours: float,
	escalate_after_hours: float = 0,
	has_escalation_role: bool = False,
) -> Due:
	"""A limit of 0 (blank) means none. The escalation needs a role to go to; it counts from entering
	the state, like the limit, and is due only once the limit itself has passed."""
	waited = hours_between(entered_at, now)
	reminder = time_limit_hours > 0 and waited > time_limit_hours
	escalation = (
		has_escalation_role
		and escalate_after_hours > 0
		and waited > max(escalate_after_hours, time_limit_hours)
	)
	return Due(hours_waited=waited, reminder=reminder, escalation=escalation)


def overdue_states(limits: dict[str, float]) -> list[str]:
	"""The states with a time limit (the only ones a document can be overdue in)."""
	return sorted(state for state, hours in limits.items() if hours and hours > 0)
