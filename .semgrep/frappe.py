# Test cases for frappe.yml (`semgrep --test .semgrep`, run by scripts/lint): each `ruleid:` line must
# be found, each `ok:` line must not.
import frappe
from frappe.rate_limiter import rate_limit


# ruleid: whitelist-without-permission-check
@frappe.whitelist()
def leaky(name):
	return frappe.db.get_value("Volunteer", name, "mobile")


# ok: whitelist-without-permission-check
@frappe.whitelist()
def checked(name):
	if frappe.db.exists("Volunteer", name):
		frappe.has_permission("Volunteer", "read", name, throw=True)
	return name


# ok: whitelist-without-permission-check
@frappe.whitelist()
def checked_doc(name):
	doc = frappe.get_doc("Volunteer", name)
	doc.check_permission("write")
	# ruleid: ignore-permissions-on-request-path
	doc.save(ignore_permissions=True)
	# ruleid: ignore-permissions-on-request-path
	return frappe.get_all("Volunteer")


def not_a_request(name):
	# ok: ignore-permissions-on-request-path
	return frappe.get_all("Volunteer", filters={"name": name})


def sql(name, table):
	# ruleid: formatted-sql
	frappe.db.sql(f"select name from `tab{table}` where name = '{name}'")
	# ruleid: formatted-sql
	frappe.db.sql("select name from tabVolunteer where name = '%s'" % name)
	# ruleid: formatted-sql
	frappe.db.sql("select name from tabVolunteer where name = '{0}'".format(name))
	# ok: formatted-sql
	frappe.db.sql("select name from tabVolunteer where name = %s", (name,))
	# ruleid: commit-in-request
	frappe.db.commit()


# ruleid: allow-guest-without-rate-limit
@frappe.whitelist(allow_guest=True)
def guest_form(name):
	frappe.only_for("Guest")


# ok: allow-guest-without-rate-limit
@frappe.whitelist(allow_guest=True)
@rate_limit(limit=5, seconds=60)
def limited_guest_form(name):
	frappe.only_for("Guest")
