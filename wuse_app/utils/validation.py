"""Bridge between the framework-free domain package and Frappe: domain errors become clear messages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe import _

from wuse_app.domain.errors import DomainValidationError


def throw_domain_error(error: DomainValidationError, title: str | None = None) -> None:
	"""Show a domain rule violation to the user, translated, as a ValidationError (HTTP 417)."""
	frappe.throw(error.render(_), title=title or _("Invalid value"), exc=frappe.ValidationError)


@contextmanager
def domain_errors(title: str | None = None) -> Iterator[None]:
	"""Run domain checks; a DomainValidationError is turned into a translated `frappe.throw`."""
	try:
		yield
	except DomainValidationError as error:
		throw_domain_error(error, title=title)
