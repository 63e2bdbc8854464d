"""The one error path between the framework-free domain package and Frappe.

- `domain_errors()` runs domain checks; a DomainValidationError becomes a translated message
  (`error.render(frappe._)`) raised as `exc` (ValidationError, HTTP 417, by default). This is the only
  place a domain error is translated: controllers, APIs and reports all go through it.
- `throw()` rejects bad input the app itself detects (outside the domain): the user gets the message,
  never a traceback.
"""

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


def throw_domain_error(
	error: DomainValidationError,
	title: str | None = None,
	exc: type[Exception] = frappe.ValidationError,
	translate_params: bool = False,
) -> None:
	"""Show a domain rule violation to the user, translated.

	`translate_params` also translates the text parameters (state names, labels: source strings the
	app translates); leave it off when a parameter is what the user typed.
	"""
	if translate_params:
		error.params = {k: _(v) if isinstance(v, str) else v for k, v in error.params.items()}
	throw(error.render(_), title=title, exc=exc)


@contextmanager
def domain_errors(
	title: str | None = None, exc: type[Exception] = frappe.ValidationError, translate_params: bool = False
) -> Iterator[None]:
	"""Run domain checks; a DomainValidationError is turned into a translated `frappe.throw` of `exc`."""
	try:
		yield
	except DomainValidationError as error:
		throw_domain_error(error, title=title, exc=exc, translate_params=translate_params)


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
