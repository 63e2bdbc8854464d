"""Rules for volunteer service: hours, time-bank points, redemptions and service certificates.

Sources: 《志愿服务记录与证明出具办法（试行）》 (民政部令第67号) and the 2012 《志愿服务记录办法》: service time
is the time actually spent serving, in hours, **excluding travel to and from the service**; a
certificate (志愿服务记录证明) states the volunteer's identity, hours and content, the issuer, its head
and handler, a contact, its number and date. Star levels (一星 to 五星) come from configurable hour
thresholds (see :func:`wuse_app.domain.settings.star_level`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from wuse_app.domain.errors import DomainValidationError, _

MAX_HOURS_PER_DAY = 24
CERTIFICATE_PREFIX = "ZYFW"
CERTIFICATE_DIGITS = 5

# Service categories (English source strings; zh in translations/zh.csv).
# 六送六进 elderly services of the seed's section 三(四) …
ELDERLY_SERVICE_CATEGORIES: tuple[str, ...] = (
	"Medical Care to Villages",  # 送医进村
	"Bathing Assistance",  # 送浴进院
	"Safe Mobility",  # 送踪进坝
	"Caring Visits",  # 送爱进门
	"Cultural Activities",  # 送悦进寨
	"Supplies Delivery",  # 送需进家
)
# … the 五童 child-protection actions of section 三(五) …
CHILD_PROTECTION_CATEGORIES: tuple[str, ...] = (
	"Child Protection Network",  # 童网
	"Child Moral Education",  # 童德
	"Child Mental Health",  # 童心
	"Child Companionship",  # 童伴
	"Child Safety",  # 童安
)
# … and the rest.
OTHER_SERVICE_CATEGORIES: tuple[str, ...] = ("Community Governance", "Emergency", "Other")
SERVICE_CATEGORIES: tuple[str, ...] = (
	*ELDERLY_SERVICE_CATEGORIES,
	*CHILD_PROTECTION_CATEGORIES,
	*OTHER_SERVICE_CATEGORIES,
)

_HUNDREDTH = Decimal("0.01")


def _decimal(value: float | int | Decimal | str | None) -> Decimal:
	return Decimal(str(value or 0))


def format_hours(hours: float | int | Decimal | None) -> str:
	"""12.0 → "12", 2.5 → "2.5", 1.25 → "1.25" (for messages and printouts)."""
	value = _decimal(hours).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP).normalize()
	text = format(value, "f")
	return text if "." not in text else text.rstrip("0").rstrip(".")


def _as_date(value: date | datetime) -> date:
	return value.date() if isinstance(value, datetime) else value


# --- service records -----------------------------------------------------------------------------


def validate_service_category(category: str | None, enabled: bool | None) -> None:
	"""A category of the Service Category master (an administrator adds them; SERVICE_CATEGORIES are
	only the seeded ones). `enabled`: the master's flag, None when there is no such category."""
	if not category:
		raise DomainValidationError(_("Choose a service category."))
	if enabled is None:
		raise DomainValidationError(_("“{category}” is not a service category."), category=category)
	if not enabled:
		raise DomainValidationError(
			_("The service category “{category}” is disabled: choose another one."), category=category
		)


def validate_service_date(service_date: date | datetime | None, today: date) -> None:
	"""Hours are recorded after the service: the service date cannot lie in the future."""
	if service_date is None:
		raise DomainValidationError(_("Enter the date of the service."))
	if _as_date(service_date) > today:
		raise DomainValidationError(
			_("The service date {service_date} is in the future; hours are recorded after the service."),
			service_date=_as_date(service_date).isoformat(),
		)


def validate_hours(hours: float | int | Decimal | None) -> Decimal:
	"""Hours of one record: more than 0 and at most 24. Returns them as a Decimal."""
	value = _decimal(hours)
	if value <= 0:
		raise DomainValidationError(
			_("Service hours must be more than 0; {hours} was entered."), hours=format_hours(value)
		)
	if value > MAX_HOURS_PER_DAY:
		raise DomainValidationError(
			_("One record can hold at most {limit} hours; {hours} was entered."),
			limit=MAX_HOURS_PER_DAY,
			hours=format_hours(value),
		)
	return value


def validate_daily_total(
	hours: float | int | Decimal | None,
	other_hours_that_day: float | int | Decimal | None,
	service_date: date | datetime,
) -> Decimal:
	"""A volunteer's hours on one day, over all records (drafts included), total at most 24.

	Returns the day's total including ``hours``.
	"""
	total = _decimal(hours) + _decimal(other_hours_that_day)
	if total > MAX_HOURS_PER_DAY:
		raise DomainValidationError(
			_("On {service_date} the volunteer already has {other} h; {total} h exceeds {limit} h a day."),
			other=format_hours(other_hours_that_day),
			service_date=_as_date(service_date).isoformat(),
			total=format_hours(total),
			limit=MAX_HOURS_PER_DAY,
		)
	return total


def validate_date_in_activity(
	service_date: date | datetime, activity_start: date | datetime, activity_end: date | datetime
) -> None:
	"""Hours recorded for an activity fall on one of the activity's days."""
	day, start, end = _as_date(service_date), _as_date(activity_start), _as_date(activity_end)
	if not start <= day <= end:
		raise DomainValidationError(
			_("The service date {service_date} is outside the activity's dates ({start} to {end})."),
			service_date=day.isoformat(),
			start=start.isoformat(),
			end=end.isoformat(),
		)


def validate_activity_period(start: date | datetime | None, end: date | datetime | None) -> None:
	if start and end and end < start:
		raise DomainValidationError(_("The activity cannot end before it starts."))


def validate_capacity(capacity: int | None, attendees: int) -> None:
	"""A capacity of 0 (or none) means unlimited."""
	if capacity is None or int(capacity) == 0:
		return
	if int(capacity) < 0:
		raise DomainValidationError(_("The capacity cannot be negative."))
	if attendees > int(capacity):
		raise DomainValidationError(
			_("The activity has {attendees} attendees but room for only {capacity}."),
			attendees=attendees,
			capacity=int(capacity),
		)


def find_duplicate(values: Iterable[str | None]) -> tuple[int, str] | None:
	"""The 1-based position and value of the first value seen before, or None."""
	seen: set[str] = set()
	for position, value in enumerate(values, start=1):
		if value in seen:
			return position, value
		if value:
			seen.add(value)
	return None


# --- time bank -----------------------------------------------------------------------------------


def points_for_hours(
	hours: float | int | Decimal | None, points_per_hour: float | int | Decimal | None
) -> float:
	"""Time-bank points earned by verified hours, rounded half up to 2 decimals."""
	if _decimal(points_per_hour) < 0:
		raise DomainValidationError(_("Points per hour cannot be negative."))
	points = (_decimal(hours) * _decimal(points_per_hour)).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)
	return float(points)


def validate_balance_after(balance: float | int | Decimal | None, change: float | int | Decimal) -> float:
	"""A time-bank balance never goes below zero. Returns the balance after ``change``."""
	after = (_decimal(balance) + _decimal(change)).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)
	if after < 0:
		raise DomainValidationError(
			_("The volunteer has {balance} points and this needs {needed}; the balance cannot go below 0."),
			balance=format_hours(balance),
			needed=format_hours(-_decimal(change)),
		)
	return float(after)


def redemption_points(qty: int | None, points_cost: float | int | Decimal | None) -> float:
	"""Points a redemption costs: quantity × the item's points cost."""
	if qty is None or int(qty) != qty or int(qty) <= 0:
		raise DomainValidationError(_("The quantity must be a whole number above zero."))
	if _decimal(points_cost) <= 0:
		raise DomainValidationError(_("The reward item needs a points cost above zero."))
	return float((_decimal(points_cost) * int(qty)).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP))


def validate_stock(stock: int | None, qty: int, item_name: str) -> int:
	"""Stock after taking ``qty``; it never goes below zero."""
	available = int(stock or 0)
	if qty > available:
		raise DomainValidationError(
			_("Only {stock} of “{item}” left in stock; {qty} were requested."),
			stock=available,
			item=item_name,
			qty=qty,
		)
	return available - qty


def validate_non_negative_stock(stock: int | None) -> None:
	if stock is not None and int(stock) < 0:
		raise DomainValidationError(_("The stock cannot be negative."))


# --- certificates (志愿服务记录证明) ---------------------------------------------------------------


def validate_certificate_period(from_date: date, to_date: date, issue_date: date) -> None:
	if to_date < from_date:
		raise DomainValidationError(_("The period cannot end before it starts."))
	if to_date > issue_date:
		raise DomainValidationError(
			_("The period ends after the issue date {issue_date}; a certificate covers past service only."),
			issue_date=issue_date.isoformat(),
		)


def validate_issue_date(issue_date: date, today: date) -> None:
	if issue_date > today:
		raise DomainValidationError(
			_("The issue date {issue_date} is in the future; date the certificate when it is issued."),
			issue_date=issue_date.isoformat(),
		)


def validate_certified_hours(total_hours: float | int | Decimal | None) -> None:
	if _decimal(total_hours) <= 0:
		raise DomainValidationError(
			_("No verified hours with this issuer in this period: there is nothing to certify.")
		)


def certificate_sequence_key(year: int) -> str:
	"""The gap-free counter behind certificate numbers: one per calendar year."""
	return f"{CERTIFICATE_PREFIX}-{year}"


def format_certificate_number(year: int, sequence: int) -> str:
	"""证明编号: ``ZYFW-2026-00001`` (志愿服务 year and a 5-digit serial, restarting each year)."""
	if sequence < 1:
		raise DomainValidationError(_("A certificate serial number starts at 1."))
	return f"{CERTIFICATE_PREFIX}-{year}-{sequence:0{CERTIFICATE_DIGITS}d}"


def community_issuer_name(community_name: str) -> str:
	"""The residents' committee (居民委员会) of a community issues its certificates: 朝阳社区 → 朝阳社区居民委员会."""
	name = (community_name or "").strip()
	if name.endswith("居民委员会") or name.endswith("村民委员会"):
		return name
	return f"{name}居民委员会"


def service_summary(items: Sequence[tuple[str, float | int | Decimal]]) -> str:
	"""服务内容 for a certificate from (content, hours) pairs: ``送医进村 6 小时；送爱进门 2.5 小时``."""
	return "；".join(f"{label} {format_hours(hours)} 小时" for label, hours in items if label)


# --- leaderboards ----------------------------------------------------------------------------------


def mask_person_name(name: str | None) -> str:
	"""Keep the family name only: 张三 → 张*, 欧阳娜娜 → 欧阳**, Anna → A***."""
	text = (name or "").strip()
	if not text:
		return ""
	if len(text) == 1:
		return "*"
	keep = 2 if len(text) >= 4 and all("\u4e00" <= char <= "\u9fff" for char in text) else 1
	return text[:keep] + "*" * (len(text) - keep)


def competition_ranks(values: Sequence[float | int | Decimal]) -> list[int]:
	"""Ranks for values sorted best first, ties sharing a rank: (10, 8, 8, 5) → [1, 2, 2, 4]."""
	ranks: list[int] = []
	for index, value in enumerate(values):
		if index and value == values[index - 1]:
			ranks.append(ranks[-1])
		else:
			ranks.append(index + 1)
	return ranks
