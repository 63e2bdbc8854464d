"""公示 (public notice) rules: which fields may be published, when a notice period ends.

Framework-free: wuse_app.publicity reads the rules from Wuse Settings and the doctype's fields and
calls these.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from wuse_app.domain.errors import DomainValidationError, _

# Fieldnames that name personal data whatever the doctype (PIPL): never published. The app's own
# list of personal fields per doctype (wuse_app.registry.personal_data) and every field at a permission
# level above 0 are added by the caller.
PERSONAL_FIELDNAMES = frozenset(
	{
		"id_number",
		"id_number_masked",
		"mobile",
		"mobile_masked",
		"contact_mobile",
		"phone",
		"mobile_no",
		"email",
		"email_id",
		"date_of_birth",
		"birth_date",
		"birth_year",
		"gender",
		"address",
		"home_address",
		"bank_account",
		"password",
	}
)
PERSONAL_FIELDTYPES = frozenset({"Phone", "Password", "Attach", "Attach Image", "Signature"})

OPEN = "Open"
UNDER_REVIEW = "Under Review"
CLOSED = "Closed"
WITHDRAWN = "Withdrawn"
NOTICE_STATUSES = (OPEN, UNDER_REVIEW, CLOSED, WITHDRAWN)

PENDING = "Pending"
UPHELD = "Upheld"
DISMISSED = "Dismissed"
OBJECTION_STATUSES = (PENDING, UPHELD, DISMISSED)

REASON_MIN_CHARS = 5
REASON_MAX_CHARS = 2000


def parse_fields(text: str | None) -> list[str]:
	"""Fieldnames separated by commas, spaces or new lines, in order, each once."""
	return list(dict.fromkeys(part for part in (text or "").replace(",", " ").split() if part))


def refused_fields(
	fields: Iterable[str],
	personal: Iterable[str],
	fieldtypes: dict[str, str],
	permlevels: dict[str, int],
) -> list[str]:
	"""The fields of a publishing rule that name personal data (or that anyone could not read)."""
	marked = PERSONAL_FIELDNAMES | set(personal)
	return [
		f
		for f in fields
		if f in marked or fieldtypes.get(f) in PERSONAL_FIELDTYPES or permlevels.get(f, 0) > 0
	]


def validate_rule_fields(
	doctype: str,
	fields: Iterable[str],
	known: Iterable[str],
	personal: Iterable[str],
	fieldtypes: dict[str, str],
	permlevels: dict[str, int],
) -> None:
	fields = list(fields)
	if not fields:
		raise DomainValidationError(
			_("Public notice rule for {doctype}: name the fields to publish."), doctype=doctype
		)
	unknown = sorted(set(fields) - set(known))
	if unknown:
		raise DomainValidationError(
			_("Public notice rule for {doctype}: {fields} are not fields of the document."),
			doctype=doctype,
			fields=", ".join(unknown),
		)
	refused = refused_fields(fields, personal, fieldtypes, permlevels)
	if refused:
		raise DomainValidationError(
			_("Public notice rule for {doctype}: {fields} are personal data and are never published."),
			doctype=doctype,
			fields=", ".join(refused),
		)


def validate_days(doctype: str, days: int) -> None:
	if days < 1 or days > 60:
		raise DomainValidationError(
			_("Public notice rule for {doctype}: the notice period is 1 to 60 days."), doctype=doctype
		)


def period_end(
	start: datetime.date, days: int, is_holiday: Callable[[datetime.date], bool] | None = None
) -> datetime.date:
	"""The last day of a notice of `days` days starting on `start` (counted: `start` is day 1).

	With `is_holiday` (a Holiday List named in Wuse Settings) only working days count; without it,
	calendar days.
	"""
	day = start
	counted = 0
	while True:
		if is_holiday is None or not is_holiday(day):
			counted += 1
			if counted >= days:
				return day
		day += datetime.timedelta(days=1)


def clean_reason(reason: str | None) -> str:
	cleaned = (reason or "").strip()
	if len(cleaned) < REASON_MIN_CHARS:
		raise DomainValidationError(
			_("Give the reason for your objection (at least {count} characters)."), count=REASON_MIN_CHARS
		)
	if len(cleaned) > REASON_MAX_CHARS:
		raise DomainValidationError(
			_("The reason is too long (at most {count} characters)."), count=REASON_MAX_CHARS
		)
	return cleaned


def can_close(
	status: str, objection_statuses: Iterable[str], ends_on: datetime.date, today: datetime.date
) -> bool:
	"""The period is over and no objection is pending or upheld."""
	if status not in (OPEN, UNDER_REVIEW) or today <= ends_on:
		return False
	return all(s == DISMISSED for s in objection_statuses)


def notice_status(objection_statuses: Iterable[str]) -> str:
	"""Open while no objection waits; Under Review while one is pending or upheld."""
	statuses = list(objection_statuses)
	return UNDER_REVIEW if any(s in (PENDING, UPHELD) for s in statuses) else OPEN
