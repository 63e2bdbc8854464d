"""Care files (服务对象档案) for elders and children in difficulty: consent, assessments, visits.

Framework-free rules; the Care module's controllers call them with plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from .errors import DomainValidationError, _

RECIPIENT_TYPES: tuple[str, ...] = (
	"Elderly",
	"Child in Difficulty",
	"Left-behind Child",
	"Person with Disability",
	"Other",
)
CHILD_TYPES: frozenset[str] = frozenset({"Child in Difficulty", "Left-behind Child"})
RISK_LEVELS: tuple[str, ...] = ("Low", "Medium", "High")
ADULT_AGE = 18
CONSENT_BY_SELF = "Self"
CONSENT_BY_GUARDIAN = "Guardian"


def age_on(birth_date: date | None, today: date) -> int | None:
	if not birth_date:
		return None
	years = today.year - birth_date.year
	if (today.month, today.day) < (birth_date.month, birth_date.day):
		years -= 1
	return years


def is_child_file(recipient_type: str | None, birth_date: date | None, today: date) -> bool:
	"""A child's file: a child type, or anyone under 18 (minors' data is always sensitive)."""
	if recipient_type in CHILD_TYPES:
		return True
	age = age_on(birth_date, today)
	return age is not None and age < ADULT_AGE


def validate_recipient_type(recipient_type: str | None) -> None:
	if recipient_type not in RECIPIENT_TYPES:
		raise DomainValidationError(_("Choose the type of care recipient."))


def validate_child_contacts(
	is_child: bool,
	guardian_name: str | None,
	guardian_mobile: str | None,
	emergency_contact_name: str | None,
	emergency_contact_mobile: str | None,
) -> None:
	"""A child's file names a guardian and an emergency contact, each with a phone number."""
	if not is_child:
		return
	missing = []
	if not (guardian_name or "").strip():
		missing.append("guardian_name")
	if not (guardian_mobile or "").strip():
		missing.append("guardian_mobile")
	if not (emergency_contact_name or "").strip():
		missing.append("emergency_contact_name")
	if not (emergency_contact_mobile or "").strip():
		missing.append("emergency_contact_mobile")
	if missing:
		raise DomainValidationError(
			_("A child's care file needs a guardian and an emergency contact, each with a phone number."),
		)


def validate_consent(
	*,
	is_child: bool,
	consent_given: bool,
	consent_by: str | None,
	consenter_name: str | None,
	consent_date: date | None,
	consent_use: str | None,
	today: date,
) -> None:
	"""Consent records who consented (the person, or for a minor the guardian), when and to what use."""
	if not consent_given:
		return
	if consent_by not in (CONSENT_BY_SELF, CONSENT_BY_GUARDIAN):
		raise DomainValidationError(_("Record who gave consent: the person or the guardian."))
	if is_child and consent_by != CONSENT_BY_GUARDIAN:
		raise DomainValidationError(_("For a child, consent must be given by the guardian."))
	if not (consenter_name or "").strip():
		raise DomainValidationError(_("Enter the name of the person who gave consent."))
	if not consent_date:
		raise DomainValidationError(_("Enter the date consent was given."))
	if consent_date > today:
		raise DomainValidationError(_("The consent date cannot be in the future."))
	if not (consent_use or "").strip():
		raise DomainValidationError(_("Record what the consent covers (the use of the data)."))


def validate_service_allowed(consent_given: bool, emergency: bool, emergency_note: str | None) -> None:
	"""No visit or assessment on a file without consent, unless an emergency is recorded."""
	if consent_given:
		return
	if not emergency:
		raise DomainValidationError(
			_("No consent is recorded on this care file: record consent, or the emergency.")
		)
	if not (emergency_note or "").strip():
		raise DomainValidationError(_("Describe the emergency that requires acting without consent."))


# --- assessments -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
	item_code: str
	label: str
	score: float | None
	"""None: the value is marked "to be confirmed" in the template."""


@dataclass(frozen=True)
class Band:
	level: str
	min_score: float | None
	max_score: float | None
	risk_level: str | None = None


@dataclass(frozen=True)
class AssessmentResult:
	total_score: float
	level: str
	risk_level: str | None


def validate_bands(bands: Sequence[Band]) -> None:
	"""Level bands have a name and a range, and no two overlap."""
	ranges = []
	for band in bands:
		if not (band.level or "").strip():
			raise DomainValidationError(_("Every level band needs a level name."))
		if band.min_score is None or band.max_score is None:
			continue  # to be confirmed
		if band.min_score > band.max_score:
			raise DomainValidationError(
				_("Level band {level}: the lowest score is above the highest score."), level=band.level
			)
		if band.risk_level and band.risk_level not in RISK_LEVELS:
			raise DomainValidationError(
				_("Level band {level}: the risk level must be Low, Medium or High."), level=band.level
			)
		ranges.append((band.min_score, band.max_score, band.level))
	ranges.sort()
	for (_low, high, first), (low, _high, second) in pairwise(ranges):
		if low <= high:
			raise DomainValidationError(
				_("Level bands {first} and {second} overlap."), first=first, second=second
			)


def score_assessment(
	item_codes: Sequence[str],
	options: Iterable[Option],
	bands: Sequence[Band],
	answers: Mapping[str, str],
) -> AssessmentResult:
	"""Total the chosen options' scores and find the level band the total falls in.

	Every item of the template is answered once with one of its own options. Values the template
	marks "to be confirmed" cannot score: an administrator enters them from the published standard.
	"""
	by_item: dict[str, dict[str, Option]] = {}
	for option in options:
		by_item.setdefault(option.item_code, {})[option.label] = option
	unknown = sorted(set(answers) - set(item_codes))
	if unknown:
		raise DomainValidationError(
			_("Item {item} is not part of this assessment template."), item=unknown[0]
		)
	total = 0.0
	for code in item_codes:
		chosen = answers.get(code)
		if not chosen:
			raise DomainValidationError(_("Answer item {item}."), item=code)
		option = by_item.get(code, {}).get(chosen)
		if option is None:
			raise DomainValidationError(
				_("{option} is not an option of item {item}."), option=chosen, item=code
			)
		if option.score is None:
			raise DomainValidationError(
				_("The score of item {item} is still to be confirmed in the template."),
				item=code,
			)
		total += option.score
	for band in bands:
		if band.min_score is None or band.max_score is None:
			raise DomainValidationError(
				_("Level band {level} is still to be confirmed in the template."),
				level=band.level,
			)
	for band in bands:
		if band.min_score <= total <= band.max_score:
			return AssessmentResult(total, band.level, band.risk_level or None)
	raise DomainValidationError(
		_("No level band of the template covers a total score of {score}."), score=_number(total)
	)


def assessment_trend(previous_score: float | None, current_score: float, higher_is_better: bool) -> str:
	"""Improved / Stable / Worse compared with the previous assessment on the same template."""
	if previous_score is None:
		return "First Assessment"
	if current_score == previous_score:
		return "Stable"
	better = current_score > previous_score if higher_is_better else current_score < previous_score
	return "Improved" if better else "Worse"


def _number(value: float) -> str:
	return str(int(value)) if float(value).is_integer() else str(value)


# --- visits ----------------------------------------------------------------------------------------


def visit_interval_days(risk_level: str | None, intervals: Mapping[str, int]) -> int:
	"""Days between visits for a risk level (from Wuse Settings); no level counts as Low."""
	level = risk_level if risk_level in RISK_LEVELS else "Low"
	days = int(intervals.get(level) or 0)
	if days <= 0:
		raise DomainValidationError(
			_("Set a visit interval of at least one day for risk level {level} in Wuse Settings."),
			level=level,
		)
	return days


def next_visit_due(last_visit: date | None, opened_on: date, interval_days: int) -> date:
	"""The next visit is due one interval after the last visit (or after the file was opened)."""
	return (last_visit or opened_on) + timedelta(days=interval_days)


def days_overdue(due: date | None, today: date) -> int:
	if not due or due >= today:
		return 0
	return (today - due).days


def validate_visit_date(visit_date: date | None, today: date) -> None:
	if not visit_date:
		raise DomainValidationError(_("Enter the date of the visit."))
	if visit_date > today:
		raise DomainValidationError(_("A visit cannot be recorded for a future date; plan it instead."))


def validate_interval_settings(intervals: Mapping[str, int | None]) -> None:
	for level in RISK_LEVELS:
		value = intervals.get(level)
		if value is None or int(value) < 1:
			raise DomainValidationError(
				_("The visit interval for risk level {level} must be at least one day."), level=level
			)
	if not intervals["High"] <= intervals["Medium"] <= intervals["Low"]:
		raise DomainValidationError(_("Visit intervals: High must not exceed Medium, nor Medium exceed Low."))


# --- needs raised from a care file -----------------------------------------------------------------


@dataclass(frozen=True)
class NeedIdentity:
	"""What a Resident Need raised from a care file may say about the person."""

	resident_name: str | None


def need_identity(is_child: bool, personal_data_erased: bool, full_name: str | None) -> NeedIdentity:
	"""A Resident Need is read far more widely than the care file it was raised from (community staff,
	every social worker of the community, sub-district reviewers). So it never carries the file's ID
	number or contacts; it carries an adult's name (the service needs it), never a child's name, and
	nothing of an erased file. Readers who may open the care file follow the need's link to it.
	"""
	if is_child or personal_data_erased:
		return NeedIdentity(None)
	return NeedIdentity((full_name or "").strip() or None)


def validate_need_description(description: str | None) -> str:
	"""A need raised from a record says what is needed."""
	text = (description or "").strip()
	if not text:
		raise DomainValidationError(_("Describe the need."))
	return text
