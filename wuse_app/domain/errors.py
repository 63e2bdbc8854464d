"""Error and message types shared by the domain modules.

Messages are English source templates with ``{named}`` placeholders. Every template is written
literally inside ``_("...")`` so that Frappe's translation extractor picks it up; here ``_`` is the
identity function, and the Frappe layer translates the template with ``frappe._`` at render time:
``frappe.throw(error.render(frappe._))``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Translator = Callable[[str], str]


def _(message: str) -> str:
	"""Mark ``message`` for translation extraction. Returns it unchanged."""
	return message


def _identity(message: str) -> str:
	return message


def _render(template: str, params: Mapping[str, object], translate: Translator | None) -> str:
	for source in ((translate or _identity)(template), template):
		try:
			return source.format(**params)
		except (KeyError, IndexError, ValueError):
			# A broken translation must never hide the error itself: fall back to the English source.
			continue
	return template


@dataclass(frozen=True)
class DomainMessage:
	"""A translatable message (used for warnings): an English template and its parameters."""

	message: str
	params: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=True)

	def __post_init__(self) -> None:
		object.__setattr__(self, "params", dict(self.params))

	def render(self, translate: Translator | None = None) -> str:
		"""Return the message with its placeholders filled, translated first if ``translate`` is given."""
		return _render(self.message, self.params, translate)

	def __str__(self) -> str:
		return self.render()


class DomainValidationError(ValueError):
	"""Raised when user input breaks a domain rule.

	``message`` is the untranslated English template; ``params`` fill its ``{named}`` placeholders.
	"""

	message: str
	params: dict[str, object]

	def __init__(self, message: str, **params: object) -> None:
		self.message = message
		self.params = dict(params)
		super().__init__(message)

	def render(self, translate: Translator | None = None) -> str:
		"""Return the message with its placeholders filled, translated first if ``translate`` is given."""
		return _render(self.message, self.params, translate)

	def __reduce__(self) -> tuple[Callable[..., DomainValidationError], tuple[object, ...]]:
		# Keep the params when pickled (e.g. for background jobs); ValueError would only keep args.
		return _rebuild_error, (type(self), self.message, self.params)

	def as_message(self) -> DomainMessage:
		return DomainMessage(self.message, self.params)

	def __str__(self) -> str:
		return self.render()

	def __repr__(self) -> str:
		return f"{type(self).__name__}({self.render()!r})"


def _rebuild_error(
	cls: type[DomainValidationError], message: str, params: Mapping[str, object]
) -> DomainValidationError:
	return cls(message, **params)
