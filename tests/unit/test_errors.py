import copy
import pickle

import pytest

from wuse_app.domain import DomainMessage, DomainValidationError, parse_resident_id, parse_uscc
from wuse_app.domain.errors import _


def test_underscore_is_identity() -> None:
	assert _("The ID number must have 18 characters; this one has {length}.") == (
		"The ID number must have 18 characters; this one has {length}."
	)


def test_error_keeps_template_and_params() -> None:
	error = DomainValidationError(
		_("The ID number must have 18 characters; this one has {length}."), length=17
	)
	assert isinstance(error, ValueError)
	assert error.message == "The ID number must have 18 characters; this one has {length}."
	assert error.params == {"length": 17}
	assert str(error) == "The ID number must have 18 characters; this one has 17."
	assert error.render() == str(error)
	assert repr(error) == "DomainValidationError('The ID number must have 18 characters; this one has 17.')"


def test_render_translates_the_template_before_filling_it() -> None:
	error = DomainValidationError(
		_("The ID number must have 18 characters; this one has {length}."), length=17
	)
	translations = {error.message: "身份证号码应为18位，当前为{length}位。"}
	assert error.render(lambda source: translations.get(source, source)) == "身份证号码应为18位，当前为17位。"


def test_broken_translation_falls_back_to_english() -> None:
	error = DomainValidationError(
		_("The ID number must have 18 characters; this one has {length}."), length=17
	)
	assert error.render(lambda source: "应为18位，当前为{长度}位") == str(error)
	assert error.render(lambda source: "unbalanced {") == str(error)


def test_pytest_raises_match_sees_the_rendered_message() -> None:
	with pytest.raises(DomainValidationError, match="this one has 17"):
		parse_resident_id("50011419900101001")


@pytest.mark.parametrize("clone", [lambda e: pickle.loads(pickle.dumps(e)), copy.copy, copy.deepcopy])
def test_error_survives_pickle_and_copy(clone) -> None:
	error = DomainValidationError(
		_("The ID number must have 18 characters; this one has {length}."), length=17
	)
	cloned = clone(error)
	assert type(cloned) is DomainValidationError
	assert cloned.message == error.message
	assert cloned.params == error.params
	assert str(cloned) == str(error)


def test_as_message() -> None:
	error = DomainValidationError(
		_("The ID number must have 18 characters; this one has {length}."), length=17
	)
	message = error.as_message()
	assert message == DomainMessage(error.message, {"length": 17})
	assert str(message) == str(error)


def test_domain_message_is_hashable_and_comparable() -> None:
	first = DomainMessage(
		"Characters 9 to 17 ({organization_code}) fail.", {"organization_code": "MJP000004"}
	)
	second = DomainMessage(
		"Characters 9 to 17 ({organization_code}) fail.", {"organization_code": "MJP000004"}
	)
	assert first == second
	assert hash(first) == hash(second)
	assert len({first, second}) == 1
	assert first.render(lambda source: "[zh] " + source) == "[zh] Characters 9 to 17 (MJP000004) fail."


def test_parsed_values_pickle() -> None:
	parsed = parse_uscc("51500114MJP0000046")
	assert parsed.warnings
	assert pickle.loads(pickle.dumps(parsed)) == parsed
	resident = parse_resident_id("50011419900101001X")
	assert pickle.loads(pickle.dumps(resident)) == resident
