"""Mainland China mobile numbers: 11 digits, ``^1[3-9]\\d{9}$``.

Carrier segments are deliberately not whitelisted (new ones keep being issued). 13-digit IoT
numbers (140/141/144/146/148) are not personal mobiles and are rejected.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import DomainValidationError, _

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# Spaces are removed separately; these are hyphens/dashes (after NFKC) and parentheses.
_SEPARATORS = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014\u2212()]")
_PREFIXED_86 = re.compile(r"86[0-9]{11}")
_MASKED_INVALID = "*" * 11


def normalize_mobile(raw: str) -> str:
	"""Return the bare 11-digit number, or raise DomainValidationError.

	Accepts full-width digits, spaces, hyphens, parentheses and a ``+86`` / ``0086`` / ``86`` prefix.
	"""
	text = unicodedata.normalize("NFKC", raw or "")
	text = _SEPARATORS.sub("", "".join(text.split()))
	if not text:
		raise DomainValidationError(_("Please enter a mobile number."))

	if text.startswith("+86"):
		text = text[3:]
	elif text.startswith("0086"):
		text = text[4:]
	elif _PREFIXED_86.fullmatch(text):
		text = text[2:]
	elif text.startswith("+"):
		raise DomainValidationError(_("Only mainland China mobile numbers (+86) can be used."))

	bad = next((char for char in text if not ("0" <= char <= "9")), None)
	if bad is not None:
		raise DomainValidationError(
			_("The mobile number contains “{character}”; only digits are allowed."), character=bad
		)
	if len(text) == 13 and text.startswith("14"):
		raise DomainValidationError(
			_("This 13-digit number is a data-only (IoT) number. Please enter an 11-digit mobile number.")
		)
	if len(text) != 11:
		raise DomainValidationError(
			_("A mobile number must have 11 digits; this one has {length}."), length=len(text)
		)
	if text.startswith("0"):
		raise DomainValidationError(
			_("This looks like a landline number. Please enter an 11-digit mobile number starting with 1.")
		)
	if not _MOBILE.fullmatch(text):
		raise DomainValidationError(
			_("A mobile number starts with 13 to 19; this one starts with {prefix}."), prefix=text[:2]
		)
	return text


def is_valid_mobile(raw: str) -> bool:
	try:
		normalize_mobile(raw)
	except DomainValidationError:
		return False
	return True


def mask_mobile(number: str) -> str:
	"""Mask for lists and printouts: ``138****8000``. Anything that is not a valid mobile is fully masked."""
	if not isinstance(number, str):
		return _MASKED_INVALID
	try:
		text = normalize_mobile(number)
	except DomainValidationError:
		return _MASKED_INVALID
	return text[:3] + "****" + text[-4:]
