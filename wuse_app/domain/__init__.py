"""Framework-free domain rules for wuse_app: standard library only, no Frappe dependency.

Validation functions raise :class:`DomainValidationError`, whose ``message`` is an English template
marked for translation extraction; the Frappe layer renders it with ``error.render(frappe._)``.
"""

from .document_number import (
	DOCUMENT_NUMBER_PATTERN,
	DocumentNumber,
	format_document_number,
	is_valid_document_number,
	parse_document_number,
)
from .errors import DomainMessage, DomainValidationError
from .formatting import official_date, rmb_in_capitals
from .mobile import is_valid_mobile, mask_mobile, normalize_mobile
from .resident_id import (
	VALID_PROVINCE_CODES,
	ResidentId,
	is_valid_resident_id,
	mask_resident_id,
	normalize_resident_id,
	parse_resident_id,
	resident_id_check_char,
	upgrade_legacy_resident_id,
)
from .uscc import (
	CIVIL_AFFAIRS_CATEGORIES,
	DEPARTMENT_CODES,
	ORGANIZATION_TYPES,
	USCC_CHARSET,
	Uscc,
	check_category_matches_type,
	expected_categories_for_organization_type,
	is_valid_uscc,
	normalize_uscc,
	organization_code_check_char,
	parse_uscc,
	uscc_check_char,
)

__all__ = [
	"CIVIL_AFFAIRS_CATEGORIES",
	"DEPARTMENT_CODES",
	"DOCUMENT_NUMBER_PATTERN",
	"ORGANIZATION_TYPES",
	"USCC_CHARSET",
	"VALID_PROVINCE_CODES",
	"DocumentNumber",
	"DomainMessage",
	"DomainValidationError",
	"ResidentId",
	"Uscc",
	"check_category_matches_type",
	"expected_categories_for_organization_type",
	"format_document_number",
	"is_valid_document_number",
	"is_valid_mobile",
	"is_valid_resident_id",
	"is_valid_uscc",
	"mask_mobile",
	"mask_resident_id",
	"normalize_mobile",
	"normalize_resident_id",
	"normalize_uscc",
	"official_date",
	"organization_code_check_char",
	"parse_document_number",
	"parse_resident_id",
	"parse_uscc",
	"resident_id_check_char",
	"rmb_in_capitals",
	"upgrade_legacy_resident_id",
	"uscc_check_char",
]
