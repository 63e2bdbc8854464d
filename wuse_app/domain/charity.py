"""Charity resources: donor identity, donation values, fund balances and the 募用分离 rules.

Money and in-kind gifts are kept apart. A fund's allocatable balance counts **money only**; goods and
services are recorded at an estimated value (``in_kind_value``) that is reported but never allocated.

Designated (restricted) money is earmarked for one project. Allocations to a project use that
project's designated money first and the fund's undesignated money for the rest, so:

- available for project P = undesignated available + designated-to-P available;
- available for any other project = undesignated available only;
- fund available balance = money received - money allocated (the sum of all of the above).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from wuse_app.domain.approvals import ACTIVE, CLOSED
from wuse_app.domain.errors import DomainValidationError, _
from wuse_app.domain.money import ZERO, format_yuan, money
from wuse_app.domain.uscc import normalize_uscc, parse_uscc

INDIVIDUAL = "Individual"
ENTERPRISE = "Enterprise"
SOCIAL_ORGANIZATION = "Social Organization"
DONOR_TYPES: tuple[str, ...] = (INDIVIDUAL, ENTERPRISE, SOCIAL_ORGANIZATION)

MONEY = "Money"
GOODS = "Goods"
SERVICES = "Services"
DONATION_TYPES: tuple[str, ...] = (MONEY, GOODS, SERVICES)

# Credit-code categories (first two characters) that fit each organisation donor type.
DONOR_USCC_CATEGORIES: Mapping[str, frozenset[str]] = {
	ENTERPRISE: frozenset({"91"}),
	SOCIAL_ORGANIZATION: frozenset({"51", "52", "53"}),
}

# The project's state matters through its approval stage (the Workflow row's `approval_stage`, see
# wuse_app.domain.approvals), never its name: money is allocated only to Active projects (approved,
# under way) and a Closed project (rejected, completed) takes no more designated gifts.
ALLOCATABLE_PROJECT_STAGES = frozenset({ACTIVE})
CLOSED_PROJECT_STAGES = frozenset({CLOSED})

ACKNOWLEDGEMENT_PREFIX = "JZ"  # 捐赠 (acknowledgement of a donation), not a fiscal receipt series
ACKNOWLEDGEMENT_DIGITS = 5


# --- donors -------------------------------------------------------------------------------------------


def validate_donor_identity(donor_type: str, uscc: str | None) -> str | None:
	"""An organisation donor needs a valid credit code of its kind; an individual has none.

	Returns the normalised credit code (None for individuals). Enterprises have codes beginning 91,
	social organisations 51 (social group), 52 (social service agency) or 53 (foundation).
	"""
	if donor_type not in DONOR_TYPES:
		raise DomainValidationError(
			_("Unknown donor type “{donor_type}”. Choose one of: {choices}."),
			donor_type=donor_type or "",
			choices=", ".join(DONOR_TYPES),
		)
	if donor_type == INDIVIDUAL:
		return None
	if not normalize_uscc(uscc or ""):
		raise DomainValidationError(
			_("An organisation donor ({donor_type}) needs its unified social credit code."),
			donor_type=donor_type,
		)
	parsed = parse_uscc(uscc or "")
	expected = DONOR_USCC_CATEGORIES[donor_type]
	if parsed.category_code not in expected:
		# fmt: off
		raise DomainValidationError(
			_("The credit code of a donor of type {donor_type} must begin with {expected}; this one begins with {category}."),
			donor_type=donor_type,
			expected=" / ".join(sorted(expected)),
			category=parsed.category_code,
		)
		# fmt: on
	return parsed.code


def donor_display_name(donor_name: str | None, is_anonymous: bool | int | None, anonymous_label: str) -> str:
	"""The name shown on acknowledgements and reports: the label for anonymous donors."""
	return anonymous_label if is_anonymous else (donor_name or "").strip()


# --- donations ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoodsLine:
	item_name: str
	qty: Decimal | float | int | str | None
	unit: str | None = None
	estimated_value: Decimal | float | int | str | None = None


@dataclass(frozen=True)
class DonationValue:
	amount: Decimal
	"""Money given (0 for goods and services)."""
	total_value: Decimal
	"""Money amount, or the estimated value of the goods or services."""

	@property
	def is_money(self) -> bool:
		return self.amount > 0


def goods_total(lines: Iterable[GoodsLine]) -> Decimal:
	"""The sum of the lines' estimated values, after checking each line."""
	total = ZERO
	for number, line in enumerate(lines, start=1):
		if not (line.item_name or "").strip():
			raise DomainValidationError(_("Goods row {row}: enter the name of the item."), row=number)
		try:
			qty = Decimal(str(line.qty)) if line.qty not in (None, "") else Decimal(0)
		except InvalidOperation:
			qty = Decimal(0)
		if qty <= 0:
			raise DomainValidationError(
				_("Goods row {row} ({item}): the quantity must be greater than zero."),
				row=number,
				item=line.item_name,
			)
		value = money(line.estimated_value)
		if value < 0:
			raise DomainValidationError(
				_("Goods row {row} ({item}): the estimated value cannot be negative."),
				row=number,
				item=line.item_name,
			)
		total += value
	return total


def donation_value(
	donation_type: str,
	amount: Decimal | float | int | str | None,
	goods: Iterable[GoodsLine] = (),
	service_value: Decimal | float | int | str | None = None,
) -> DonationValue:
	"""Check a donation's values for its type and return its money amount and total value.

	Money: amount > 0, no goods rows. Goods: at least one row, total = sum of estimated values.
	Services: an estimated value may be recorded (>= 0). Only money counts towards allocatable balances.
	"""
	goods = list(goods)
	if donation_type not in DONATION_TYPES:
		raise DomainValidationError(
			_("Unknown donation type “{donation_type}”. Choose one of: {choices}."),
			donation_type=donation_type or "",
			choices=", ".join(DONATION_TYPES),
		)
	if donation_type == MONEY:
		value = money(amount)
		if value <= 0:
			raise DomainValidationError(_("Enter the amount of money donated (more than 0 yuan)."))
		if goods:
			raise DomainValidationError(
				_("A money donation has no goods rows. Remove them or choose the type Goods.")
			)
		return DonationValue(amount=value, total_value=value)
	if money(amount) != 0:
		# fmt: off
		raise DomainValidationError(
			_("Only money donations have an amount of money; for {donation_type} record the estimated value instead."),
			donation_type=donation_type,
		)
		# fmt: on
	if donation_type == GOODS:
		if not goods:
			raise DomainValidationError(
				_("List the donated goods: at least one row with item, quantity and estimated value.")
			)
		return DonationValue(amount=ZERO, total_value=goods_total(goods))
	if goods:
		raise DomainValidationError(
			_("A services donation has no goods rows. Remove them or choose the type Goods.")
		)
	value = money(service_value)
	if value < 0:
		raise DomainValidationError(_("The estimated value of the services cannot be negative."))
	return DonationValue(amount=ZERO, total_value=value)


def acknowledgement_number(year: int, sequence: int) -> str:
	"""The acknowledgement (捐赠证明) number, gap-free per year: ``JZ-2026-00001``."""
	if not 1000 <= int(year) <= 9999:
		raise DomainValidationError(_("The year {year} is not a four-digit year."), year=year)
	if int(sequence) < 1:
		raise DomainValidationError(
			_("Acknowledgement numbers start at 1; got {sequence}."), sequence=sequence
		)
	return f"{ACKNOWLEDGEMENT_PREFIX}-{int(year):04d}-{int(sequence):0{ACKNOWLEDGEMENT_DIGITS}d}"


def acknowledgement_sequence_key(year: int) -> str:
	"""The Wuse Sequence counter of a year's acknowledgement numbers."""
	return f"Donation Acknowledgement {int(year):04d}"


def parse_acknowledgement_number(text: str) -> tuple[int, int]:
	"""``JZ-2026-00001`` → (2026, 1)."""
	parts = (text or "").strip().split("-")
	if (
		len(parts) != 3
		or parts[0] != ACKNOWLEDGEMENT_PREFIX
		or not parts[1].isdigit()
		or not parts[2].isdigit()
	):
		raise DomainValidationError(
			_("“{text}” is not an acknowledgement number such as JZ-2026-00001."), text=text or ""
		)
	return int(parts[1]), int(parts[2])


# --- fund balances ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectPosition:
	"""Designated money of one project inside a fund."""

	project: str
	designated: Decimal
	allocated: Decimal
	"""Everything allocated to the project from this fund (designated and undesignated money)."""

	@property
	def designated_used(self) -> Decimal:
		return min(self.allocated, self.designated)

	@property
	def designated_available(self) -> Decimal:
		return self.designated - self.designated_used

	@property
	def undesignated_used(self) -> Decimal:
		return max(ZERO, self.allocated - self.designated)


@dataclass(frozen=True)
class FundPosition:
	"""A fund's money, derived from its submitted donations and allocations."""

	undesignated_received: Decimal
	projects: Mapping[str, ProjectPosition] = field(default_factory=dict)
	in_kind_value: Decimal = ZERO
	reserved: Decimal = ZERO
	"""Undesignated money held back for published venture calls (公益创投) and not yet awarded."""

	@property
	def designated_received(self) -> Decimal:
		return sum((p.designated for p in self.projects.values()), ZERO)

	@property
	def total_received(self) -> Decimal:
		return self.undesignated_received + self.designated_received

	@property
	def total_allocated(self) -> Decimal:
		return sum((p.allocated for p in self.projects.values()), ZERO)

	@property
	def available_balance(self) -> Decimal:
		return self.total_received - self.total_allocated - self.reserved

	@property
	def undesignated_available(self) -> Decimal:
		used = sum((p.undesignated_used for p in self.projects.values()), ZERO)
		return self.undesignated_received - used - self.reserved

	def designated_available(self, project: str | None) -> Decimal:
		position = self.projects.get(project or "")
		return position.designated_available if position else ZERO

	def available_for(self, project: str) -> Decimal:
		"""Money that may still be allocated to `project`."""
		return self.undesignated_available + self.designated_available(project)

	@property
	def designated_elsewhere(self) -> Decimal:
		return sum((p.designated_available for p in self.projects.values()), ZERO)


def fund_position(
	money_received: Mapping[str | None, Decimal | float | int | str | None],
	allocated: Mapping[str, Decimal | float | int | str | None],
	in_kind_value: Decimal | float | int | str | None = None,
	reserved: Decimal | float | int | str | None = None,
) -> FundPosition:
	"""Build a fund's position from sums of submitted documents.

	`money_received` maps the designated project (None or "" for undesignated money) to the money
	received; `allocated` maps each project to the money allocated to it; `reserved` is the money held
	back for published venture calls (it comes out of the undesignated money).
	"""
	undesignated = ZERO
	designated: dict[str, Decimal] = {}
	for project, amount in money_received.items():
		value = money(amount)
		if project:
			designated[project] = designated.get(project, ZERO) + value
		else:
			undesignated += value
	allocations: dict[str, Decimal] = {}
	for project, amount in allocated.items():
		if not project:
			raise DomainValidationError(_("Every allocation must name the project it pays for."))
		allocations[project] = allocations.get(project, ZERO) + money(amount)
	projects = {
		project: ProjectPosition(project, designated.get(project, ZERO), allocations.get(project, ZERO))
		for project in sorted(set(designated) | set(allocations))
	}
	held = money(reserved)
	if held < 0:
		raise DomainValidationError(_("Money reserved for venture calls cannot be negative."))
	return FundPosition(
		undesignated_received=undesignated,
		projects=projects,
		in_kind_value=money(in_kind_value),
		reserved=held,
	)


def check_allocation(
	position: FundPosition, fund: str, project: str, amount: Decimal | float | int | str
) -> None:
	"""An allocation must be positive and fit in the money available for its project."""
	value = money(amount)
	if value <= 0:
		raise DomainValidationError(_("The amount to allocate must be more than 0 yuan."))
	available = position.available_for(project)
	if value <= available:
		return
	reserved = position.designated_elsewhere - position.designated_available(project)
	if position.reserved > 0 and reserved <= 0:
		# fmt: off
		raise DomainValidationError(
			_("Not enough money in fund {fund}: {available} yuan can go to project {project}, but this allocation is {amount} yuan. A further {held} yuan is reserved for venture calls and is awarded only through them."),
			fund=fund,
			available=format_yuan(max(available, ZERO)),
			project=project,
			amount=format_yuan(value),
			held=format_yuan(position.reserved),
		)
		# fmt: on
	if reserved > 0:
		# fmt: off
		raise DomainValidationError(
			_("Not enough money in fund {fund}: {available} yuan can go to project {project}, but this allocation is {amount} yuan. A further {reserved} yuan is designated by donors to other projects and cannot be used here."),
			fund=fund,
			available=format_yuan(max(available, ZERO)),
			project=project,
			amount=format_yuan(value),
			reserved=format_yuan(reserved),
		)
		# fmt: on
	# fmt: off
	raise DomainValidationError(
		_("Not enough money in fund {fund}: {available} yuan can go to project {project}, but this allocation is {amount} yuan."),
		fund=fund,
		available=format_yuan(max(available, ZERO)),
		project=project,
		amount=format_yuan(value),
	)
	# fmt: on


def check_balances_not_negative(position: FundPosition, fund: str) -> None:
	"""After a donation is taken away (cancelled), the money already allocated must still be covered."""
	shortfall = -position.undesignated_available
	if shortfall > 0:
		# fmt: off
		raise DomainValidationError(
			_("Cancelling this would leave fund {fund} {shortfall} yuan short: that money has already been allocated to projects. Cancel those allocations first."),
			fund=fund,
			shortfall=format_yuan(shortfall),
		)
		# fmt: on


def check_separation(enforce: bool | int | None, custodian: str | None, implementer: str | None) -> None:
	"""募用分离: the organisation that holds a fund does not also spend it on its own projects."""
	if enforce and custodian and implementer and custodian == implementer:
		# fmt: off
		raise DomainValidationError(
			_("{organization} holds this fund, so it cannot also implement projects paid from it (募用分离: fundraising and spending are kept separate)."),
			organization=custodian,
		)
		# fmt: on


def designated_money_is_stranded(project_stage: str | None, available: Decimal | float | int) -> bool:
	"""Money designated to a project that will take no more (rejected or completed) and is still unspent.

	Designated gifts follow the donors' will, so the money can't simply go elsewhere: the custodian has
	to agree a new purpose or a refund with the donors (then cancel and amend the donations).
	"""
	return project_stage in CLOSED_PROJECT_STAGES and Decimal(str(available)) > ZERO


def check_project_allocatable(
	project: str, state: str | None, state_label: str | None = None, stage: str | None = None
) -> None:
	"""Money goes only to projects that are approved or in progress: the approval stage of the
	project's workflow state is Active.

	`state_label` is the state as the user reads it (translated); it defaults to `state`.
	"""
	if stage in ALLOCATABLE_PROJECT_STAGES:
		return
	if not state:
		# fmt: off
		raise DomainValidationError(
			_("Project {project} has not been approved: money can be allocated only to approved projects or projects in progress."),
			project=project,
		)
		# fmt: on
	# fmt: off
	raise DomainValidationError(
		_("Project {project} is {state}: money can be allocated only to approved projects or projects in progress."),
		project=project,
		state=state_label or state,
	)
	# fmt: on


def check_project_open_for_gifts(
	project: str, state: str | None, state_label: str | None = None, stage: str | None = None
) -> None:
	"""Money can be designated to a project unless it was rejected or is completed (stage Closed)."""
	if stage in CLOSED_PROJECT_STAGES:
		raise DomainValidationError(
			_("Project {project} is {state}: gifts can no longer be designated to it."),
			project=project,
			state=state_label or state,
		)


def check_custodian_qualified(
	organization: str,
	is_charity_organization: bool | int | None,
	has_public_fundraising_qualification: bool | int | None,
) -> None:
	"""A fund is held by a recognised charity organisation or one with public-fundraising status."""
	if not (is_charity_organization or has_public_fundraising_qualification):
		# fmt: off
		raise DomainValidationError(
			_("{organization} cannot hold a fund: the custodian must be a recognised charity organisation or have public fundraising qualification (公开募捐资格)."),
			organization=organization,
		)
		# fmt: on
