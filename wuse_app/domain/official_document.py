"""Rules for issuing official documents (公文): who may issue, when a reason is needed, what is locked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from .document_number import format_document_number
from .errors import DomainValidationError, _

# States of the default "Official Document Issuing" workflow (the seed; the rules read each state's
# approval stage and each transition's reason_required from the workflow, not these names).
DRAFT = "Draft"
PENDING_REVIEW = "Pending Review"
ISSUED = "Issued"
REVOKED = "Revoked"

SUPERUSER = "Administrator"
SEQUENCE_KEY_PREFIX = "Official Document"


def sequence_key(series: str, year: int) -> str:
	"""Key of the gap-free counter of one document series in one year."""
	return f"{SEQUENCE_KEY_PREFIX}|{series}|{year}"


def document_year(year: int | None, document_date: date | datetime | str | None) -> int:
	"""The year of the document number: the one entered, else the year of the document date."""
	if year:
		return int(year)
	if isinstance(document_date, datetime | date):
		return document_date.year
	if isinstance(document_date, str) and len(document_date) >= 4 and document_date[:4].isdigit():
		return int(document_date[:4])
	raise DomainValidationError(_("Enter the year of the document number or the document date."))


def document_number(series: str, year: int, sequence: int) -> str:
	"""The 发文字号, e.g. 正阳办事处发〔2022〕95号 (validated by the document number rules)."""
	return format_document_number(series, year, sequence)


def check_manual_sequence_number(number: int | None) -> None:
	if number is not None and int(number) < 0:
		raise DomainValidationError(
			_("The number assigned outside the app must be 1 or more; got {number}."), number=number
		)


def copy_number(text: str | None) -> str:
	"""份号 as printed: up to 6 Arabic digits, padded with zeros to 6 (GB/T 9704-2012 7.2.1)."""
	value = (text or "").strip()
	if not value:
		return ""
	if not value.isascii() or not value.isdigit() or len(value) > 6:
		raise DomainValidationError(
			_("The copy number (份号) is up to 6 Arabic digits, for example 000012; got {value}."),
			value=value,
		)
	return value.zfill(6)


def check_secrecy_period(classification: str | None, period: str | None) -> None:
	if (period or "").strip() and not (classification or "").strip():
		raise DomainValidationError(_("Choose the classification (密级) before entering a secrecy period."))


def series_for_kind(rows: Iterable[tuple[str, str | None, bool | int]], kind: str | None) -> str | None:
	"""The 机关代字 a new document takes: the series of its kind, else the default series.

	``rows`` are (series, document kind or None, is default) as the administrator set them.
	"""
	rows = [(series.strip(), row_kind, is_default) for series, row_kind, is_default in rows if series]
	if kind:
		for series, row_kind, _default in rows:
			if row_kind == kind:
				return series
	for series, _kind, is_default in rows:
		if is_default:
			return series
	return None


def check_can_issue(user: str, owner: str) -> None:
	"""Nobody issues a document they drafted themselves (the Administrator excepted)."""
	if user != SUPERUSER and user == owner:
		raise DomainValidationError(_("You drafted this document, so another reviewer must issue it."))


def check_issue_from_review(previous_state: str | None, from_review: bool) -> None:
	"""A document is issued from a Review state only (its approval stage in the workflow), never
	straight from a draft."""
	if not from_review:
		raise DomainValidationError(
			_("Only a document that is pending review can be issued; this one is in state {state}."),
			state=previous_state or DRAFT,
		)


def check_return_reason(reason: str | None) -> None:
	if not (reason or "").strip():
		raise DomainValidationError(_("Enter the reason for return before returning the document to draft."))


def changed_fields(
	before: Mapping[str, object], after: Mapping[str, object], fieldnames: Iterable[str]
) -> list[str]:
	"""Fieldnames whose value differs; None, "" and 0 all count as empty."""
	return [name for name in fieldnames if _normal(before.get(name)) != _normal(after.get(name))]


def check_unchanged_after_issue(changed_labels: list[str]) -> None:
	if changed_labels:
		raise DomainValidationError(
			_("Issued documents cannot be changed ({fields}). Cancel it and amend a copy instead."),
			fields=", ".join(changed_labels),
		)


def _normal(value: object) -> str:
	"""Compare values as the form sends them and as the database returns them: "2022" == 2022."""
	if value is None or value == "" or value == 0:
		return ""
	if isinstance(value, float) and value.is_integer():
		return str(int(value))
	return str(value)
