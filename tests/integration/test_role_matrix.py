"""Every doctype's rights per role match the documented matrix (README "Role matrix")."""

from __future__ import annotations

import frappe
import pytest
from factories import make_user
from role_matrix import MATRIX, ROLES, readme_matrix, rights


@pytest.mark.parametrize("doctype", sorted(MATRIX))
def test_role_matrix(doctype):
	actual = tuple(rights(doctype, make_user(role)) for role in ROLES)
	assert dict(zip(ROLES, actual, strict=True)) == dict(zip(ROLES, MATRIX[doctype], strict=True))


def test_every_app_doctype_is_in_the_matrix():
	modules = frappe.get_all("Module Def", filters={"app_name": "wuse_app"}, pluck="name")
	doctypes = set(frappe.get_all("DocType", filters={"module": ["in", modules], "istable": 0}, pluck="name"))
	assert doctypes - {"Wuse Sequence"} == set(MATRIX)


def test_readme_documents_the_same_matrix():
	assert readme_matrix() == MATRIX
