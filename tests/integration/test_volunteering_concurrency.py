"""Concurrent submissions on two real database connections (committed data, cleaned up afterwards).

Each case slows down the step that reads the current figures, so that without the row locks both
transactions would read the same old figures and one update would be lost (or a limit exceeded).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

import frappe
import pytest
from factories import make_community, make_reward_item, make_service_record, make_volunteer
from frappe.utils import add_days, nowdate

from wuse_app.domain import volunteering as rules
from wuse_app.volunteering import totals
from wuse_app.volunteering.doctype.points_redemption import points_redemption

pytestmark = pytest.mark.commits

SITE = os.environ.get("WUSE_TEST_SITE")
SITES_PATH = os.environ.get("WUSE_SITES_PATH")
DELAY = 1.0


def run_concurrently(*jobs: Callable[[], object]) -> list[BaseException | None]:
	"""Run each job in its own thread with its own Frappe connection; each commits if it succeeds."""
	barrier = threading.Barrier(len(jobs))
	outcomes: list[BaseException | None] = [None] * len(jobs)

	def worker(index: int, job: Callable[[], object]) -> None:
		frappe.init(site=SITE, sites_path=SITES_PATH)
		frappe.connect()
		frappe.local.lang = "en"  # as the test harness (conftest) does; the site itself speaks zh
		try:
			frappe.set_user("Administrator")
			barrier.wait(timeout=30)
			job()
			frappe.db.commit()
		except BaseException as error:
			outcomes[index] = error
			frappe.db.rollback()
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(timeout=120)
	assert not any(thread.is_alive() for thread in threads), "a transaction hung"
	frappe.db.rollback()  # start a fresh snapshot in this connection to read what they committed
	return outcomes


def slowed(function: Callable) -> Callable:
	def slow(*args, **kwargs):
		value = function(*args, **kwargs)
		time.sleep(DELAY)
		return value

	return slow


class Cleanup:
	"""Deletes what a committing test created (raw deletes: ledger lines refuse deletion by design)."""

	def __init__(self) -> None:
		self.volunteers: list[str] = []
		self.communities: list[str] = []
		self.items: list[str] = []

	def run(self) -> None:
		frappe.db.rollback()
		for doctype in ("Volunteer Service Record", "Points Redemption", "Time Bank Entry"):
			names = frappe.get_all(
				doctype, filters={"volunteer": ["in", self.volunteers or [""]]}, pluck="name"
			)
			self._delete(doctype, names)
		self._delete("Reward Item", self.items)
		self._delete("Volunteer", self.volunteers)
		sub_districts = [frappe.db.get_value("Community", c, "sub_district") for c in self.communities]
		self._delete("Community", self.communities)
		self._delete("Sub District", [s for s in sub_districts if s])
		frappe.db.commit()

	@staticmethod
	def _delete(doctype: str, names: list[str]) -> None:
		if not names:
			return
		frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ["in", names]})
		frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": ["in", names]})
		frappe.db.delete(doctype, {"name": ["in", names]})


@pytest.fixture
def cleanup():
	tracker = Cleanup()
	yield tracker
	tracker.run()


def new_volunteer(cleanup: Cleanup, community: str) -> str:
	name = make_volunteer(community).name
	cleanup.volunteers.append(name)
	return name


def new_community(cleanup: Cleanup) -> str:
	name = make_community()
	cleanup.communities.append(name)
	return name


def submit(doctype: str, name: str) -> Callable[[], None]:
	return lambda: frappe.get_doc(doctype, name).submit()


def test_concurrent_submissions_for_one_volunteer_keep_the_totals_exact(cleanup, monkeypatch):
	community = new_community(cleanup)
	volunteer = new_volunteer(cleanup, community)
	drafts = [
		make_service_record(volunteer, hours=hours, service_date=add_days(nowdate(), -day), submit=False).name
		for day, hours in ((1, 2), (2, 3.5))
	]
	frappe.db.commit()
	monkeypatch.setattr(totals, "verified_hours", slowed(totals.verified_hours))

	started = time.monotonic()
	outcomes = run_concurrently(*(submit("Volunteer Service Record", name) for name in drafts))
	assert outcomes == [None, None]
	assert time.monotonic() - started >= 2 * DELAY  # the second waited for the first's lock

	figures = frappe.db.get_value(
		"Volunteer", volunteer, ["total_service_hours", "time_bank_balance"], as_dict=True
	)
	assert figures.total_service_hours == 5.5
	assert figures.time_bank_balance == 5.5
	assert frappe.db.count("Time Bank Entry", {"volunteer": volunteer}) == 2


def test_concurrent_drafts_cannot_exceed_24_hours_on_one_day(cleanup, monkeypatch):
	community = new_community(cleanup)
	volunteer = new_volunteer(cleanup, community)
	frappe.db.commit()
	monkeypatch.setattr(
		"wuse_app.volunteering.doctype.volunteer_service_record.volunteer_service_record.hours_on_day",
		slowed(totals.hours_on_day),
	)

	def add_draft() -> None:
		make_service_record(volunteer, hours=14, submit=False)

	outcomes = run_concurrently(add_draft, add_draft)
	assert sorted(type(o).__name__ for o in outcomes) == ["NoneType", "ValidationError"]
	assert frappe.db.count("Volunteer Service Record", {"volunteer": volunteer}) == 1


def test_concurrent_redemptions_never_overdraw_the_points(cleanup, monkeypatch):
	community = new_community(cleanup)
	volunteer = new_volunteer(cleanup, community)
	make_service_record(volunteer, hours=10, service_date=add_days(nowdate(), -1))
	# Two different items: only the volunteer's lock stands between the two redemptions.
	items = [make_reward_item(community, points_cost=6, stock=10) for _ in range(2)]
	cleanup.items.extend(items)
	drafts = [
		frappe.get_doc(
			{"doctype": "Points Redemption", "volunteer": volunteer, "reward_item": item, "qty": 1}
		)
		.insert()
		.name
		for item in items
	]
	frappe.db.commit()
	monkeypatch.setattr(points_redemption, "ledger_balance", slowed(totals.ledger_balance))

	outcomes = run_concurrently(*(submit("Points Redemption", name) for name in drafts))
	assert sorted(type(o).__name__ for o in outcomes) == ["NoneType", "ValidationError"]
	assert frappe.db.get_value("Volunteer", volunteer, "time_bank_balance") == 4
	assert sorted(frappe.db.get_value("Reward Item", item, "stock") for item in items) == [9, 10]


def test_concurrent_redemptions_never_overdraw_the_stock(cleanup, monkeypatch):
	community = new_community(cleanup)
	volunteers = [new_volunteer(cleanup, community) for _ in range(2)]
	for volunteer in volunteers:
		make_service_record(volunteer, hours=10, service_date=add_days(nowdate(), -1))
	item = make_reward_item(community, points_cost=5, stock=1)
	cleanup.items.append(item)
	drafts = [
		frappe.get_doc(
			{"doctype": "Points Redemption", "volunteer": volunteer, "reward_item": item, "qty": 1}
		)
		.insert()
		.name
		for volunteer in volunteers
	]
	frappe.db.commit()
	monkeypatch.setattr(rules, "validate_stock", slowed(rules.validate_stock))

	outcomes = run_concurrently(*(submit("Points Redemption", name) for name in drafts))
	assert sorted(type(o).__name__ for o in outcomes) == ["NoneType", "ValidationError"]
	assert frappe.db.get_value("Reward Item", item, "stock") == 0
	balances = sorted(frappe.db.get_value("Volunteer", v, "time_bank_balance") for v in volunteers)
	assert balances == [5, 10]
