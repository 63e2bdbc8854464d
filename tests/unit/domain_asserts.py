"""Shared assertions for domain error messages."""

import string

from wuse_app.domain import DomainMessage, DomainValidationError


def placeholders(template: str) -> set[str]:
	return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None}


def assert_clerk_message(error: DomainValidationError | DomainMessage) -> str:
	"""The message is non-empty, fully rendered, and translatable through ``render(translate)``."""
	rendered = str(error)
	assert rendered.strip()
	assert error.message.strip()
	assert placeholders(error.message) <= set(error.params), (error.message, error.params)
	# No placeholder is left unfilled (user input quoted in a parameter may itself contain braces).
	skeleton = error.message.format(**{name: "·" for name in error.params})
	assert "{" not in skeleton and "}" not in skeleton, skeleton
	if not any("{" in str(value) or "}" in str(value) for value in error.params.values()):
		assert "{" not in rendered and "}" not in rendered, rendered
	assert error.render() == rendered
	assert error.render(lambda source: "[zh] " + source) == "[zh] " + rendered
	return rendered
