"""Bridge between the framework-free domain package and Frappe: domain errors become clear messages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe import _

from wuse_app.domain.errors import DomainValidationError


def throw(message: str, title: str | None = None, exc: type[Exception] = frappe.ValidationError) -> None:
	"""`frappe.throw` for bad input: the user gets the message, never a traceback (a bad value is no bug)."""
	frappe.local.flags.disable_traceback = True
	frappe.throw(message, exc=exc, title=title or _("Invalid value"))


def throw_domain_error(error: DomainValidationError, title: str | None = None) -> None:
	"""Show a domain rule violation to the user, translated, as a ValidationError (HTTP 417)."""
	throw(error.render(_), title=title)


@contextmanager
def domain_errors(title: str | None = None) -> Iterator[None]:
	"""Run domain checks; a DomainValidationError is turned into a translated `frappe.throw`."""
	try:
		yield
	except DomainValidationError as error:
		throw_domain_error(error, title=title)


def require_readable(doc, doctype: str, name: str | None) -> None:
	"""The user saving `doc` may read the `doctype` record `name` it links to (else PermissionError).

	Frappe checks a link's existence, not that the user may see it; a link to a record outside the
	user's communities would copy its name and figures into the user's document. Skipped when a
	method acts for the user after its own check (`ignore_permissions`).
	"""
	if not name or doc.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	if not frappe.has_permission(doctype, "read", name):
		frappe.throw(
			_("You cannot use {0} {1}: it is outside your scope.").format(_(doctype), name),
			exc=frappe.PermissionError,
			title=_("Not allowed"),
		)
