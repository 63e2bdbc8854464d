"""Install, migrate and uninstall hooks.

Everything here is idempotent and *seeds once*: a record is inserted only when it is missing, so
edits an administrator makes in the browser (roles, workflows, settings) survive `bench migrate`.
"""

from __future__ import annotations

import frappe

from wuse_app.setup.roles import COMMUNITY_SECRETARY, COMMUNITY_STAFF, ROLES, WUSE_ADMINISTRATOR


def after_install() -> None:
	ensure_home_folders()
	ensure_seeded_records()
	# DocType sync runs before this hook and creates every role named in a permission row with desk
	# access; portal roles must not have it.
	set_role_desk_access()
	# Once, at install: an administrator may take this away later and migrate will respect that.
	ensure_data_import_access()
	seed_document_series()


def after_migrate() -> None:
	ensure_home_folders()
	ensure_seeded_records()
	# The portal form's added fields (a migrate re-imports the standard web form without them).
	from wuse_app.wuse_setup.extra_fields import apply

	apply()


HOME, ATTACHMENTS = "Home", "Home/Attachments"


def ensure_home_folders() -> None:
	"""The file manager's two root folders are named "Home" and "Home/Attachments".

	Frappe names them with `_("Home")` / `_("Attachments")` when it installs, in the language of the
	site config's `lang`, yet its File controller files every upload into the folder *named* "Home" (or
	"Home/Attachments"). A site re-created with `bench new-site --force` keeps its old site_config.json,
	where `prepare_site` wrote `lang: zh`, so its folders became 主页 and 主页/附件 and every upload
	failed with "Could not find Folder: Home". Renamed back here (their labels are still translated in
	the desk); files already filed under the old names follow.
	"""
	for name, label, is_home in ((HOME, "Home", True), (ATTACHMENTS, "Attachments", False)):
		if frappe.db.exists("File", name):
			continue
		field = "is_home_folder" if is_home else "is_attachments_folder"
		old = frappe.db.get_value("File", {field: 1, "is_folder": 1}, "name")
		if not old:
			continue
		file = frappe.qb.DocType("File")
		query = frappe.qb.update(file).set(file.name, name).set(file.file_name, label)
		if not is_home:
			query = query.set(file.folder, HOME)
		query.where(file.name == old).run()
		frappe.qb.update(file).set(file.folder, name).where(file.folder == old).run()
	frappe.clear_document_cache("File", HOME)


def ensure_seeded_records() -> None:
	"""Records the app needs; each is inserted only when missing."""
	ensure_roles()
	ensure_default_currency()
	from wuse_app.wuse_setup.doctype.wuse_settings.wuse_settings import ensure_settings_defaults

	ensure_settings_defaults()
	seed_masters()
	from wuse_app.approvals.config import ensure_custom_fields

	ensure_custom_fields()  # before the workflows: they fill the approval fields
	from wuse_app.workflows import ensure_default_workflows

	ensure_default_workflows()
	from wuse_app.linkage.setup import ensure_project_state_resolving_needs

	ensure_project_state_resolving_needs()  # a Link to a workflow state: once the states exist
	from wuse_app.publicity.rules import ensure_default_rule

	ensure_default_rule()  # 公示: once per site, after the workflow states exist
	from wuse_app.setup.print_formats import sync_print_format_html

	sync_print_format_html()
	from wuse_app.care.assessment import ensure_default_assessment_templates

	ensure_default_assessment_templates()
	from wuse_app.setup.display import ensure_people_shown_by_name

	ensure_people_shown_by_name()


def seed_masters() -> None:
	"""Seed the app's own master lists (service areas, skills) when missing."""
	from wuse_app.setup.masters import ensure_masters

	ensure_masters()


def seed_document_series() -> None:
	"""Once, at install: the office's 发文字号 series as the default (an administrator edits the table)."""
	settings = frappe.get_single("Wuse Settings")
	if not settings.get("document_series"):
		settings.append("document_series", {"series": "正阳办事处发", "is_default": 1})
		settings.save(ignore_permissions=True)


def ensure_roles() -> None:
	for role_name, desk_access in ROLES.items():
		if frappe.db.exists("Role", role_name):
			continue
		frappe.get_doc(
			{
				"doctype": "Role",
				"role_name": role_name,
				"desk_access": int(desk_access),
				"is_custom": 0,
			}
		).insert(ignore_permissions=True)


# Roles that may bulk-import registry records (each row is still checked against their own
# create permission and community scope, exactly as if they typed it in).
DATA_IMPORT_ROLES = (WUSE_ADMINISTRATOR, COMMUNITY_SECRETARY, COMMUNITY_STAFF)


def ensure_data_import_access() -> None:
	"""Let the registry roles use Data Import (Frappe allows only System Managers by default).

	Only their own imports ("Only If Creator"): an import file holds full ID and mobile numbers of a
	whole community, so nobody else but a System Manager may open or download it.
	"""
	from frappe.permissions import add_permission, update_permission_property

	for role in DATA_IMPORT_ROLES:
		if frappe.db.exists("Custom DocPerm", {"parent": "Data Import", "role": role, "permlevel": 0}):
			continue
		add_permission("Data Import", role, 0)
		for ptype in ("write", "create"):
			update_permission_property("Data Import", role, 0, ptype, 1, validate=False)
		update_permission_property("Data Import", role, 0, "if_owner", 1, validate=False)
	frappe.clear_cache(doctype="Data Import")


def set_role_desk_access() -> None:
	for role_name, desk_access in ROLES.items():
		frappe.db.set_value("Role", role_name, "desk_access", int(desk_access))


def ensure_default_currency() -> None:
	"""All money in this app is RMB. Set CNY as the site default only when none is set yet."""
	if not frappe.db.get_default("currency"):
		frappe.db.set_default("currency", "CNY")


def before_uninstall() -> None:
	"""Remove what install created outside the app's modules, so uninstall leaves no trace."""
	from wuse_app.workflows import remove_default_workflows

	remove_default_workflows()
	from wuse_app.approvals.config import remove_custom_fields

	remove_custom_fields()
	doctypes = frappe.get_all("DocType", filters={"module": ["in", _app_modules()]}, pluck="name")
	frappe.db.delete("User Permission", {"allow": ["in", doctypes]})
	# Frappe drops the tables of uninstalled doctypes, but not the stored values of Single doctypes.
	frappe.db.delete("Singles", {"doctype": ["in", doctypes]})
	for dt, field in (
		("Custom Field", "dt"),
		("Property Setter", "doc_type"),
		("Workflow Action", "reference_doctype"),
	):
		frappe.db.delete(dt, {field: ["in", doctypes]})
	# Frappe adds the hooks' standard portal menu items to Portal Settings, and never removes them.
	from wuse_app import hooks

	routes = [item["route"] for item in hooks.standard_portal_menu_items]
	frappe.db.delete("Portal Menu Item", {"route": ["in", routes]})
	for role_name in ROLES:
		frappe.db.delete("Has Role", {"role": role_name})
		frappe.db.delete("Custom DocPerm", {"role": role_name})
		if frappe.db.exists("Role", role_name):
			frappe.delete_doc("Role", role_name, force=True, ignore_permissions=True)


def _app_modules() -> list[str]:
	return frappe.get_all("Module Def", filters={"app_name": "wuse_app"}, pluck="name")


def before_tests() -> None:
	"""`bench run-tests` support: make sure the seeded records exist."""
	ensure_seeded_records()
