app_name = "wuse_app"
app_title = "Wuse App"
app_publisher = "Zhengyang Sub-district Office (正阳街道办事处)"
app_description = (
	"五社联动: community, social organisations, social workers, volunteers and charity resources"
)
app_email = "wuse@example.org"
app_license = "mit"

# Controllers carry the auto-generated `DF` type block (Frappe writes it in developer mode).
export_python_type_annotations = True

# Installation
# ------------
# Roles, workflow masters, default workflows and settings are *seeded*: inserted when missing,
# never overwritten, so an administrator's edits survive `bench migrate`.
after_install = "wuse_app.setup.install.after_install"
after_migrate = "wuse_app.setup.install.after_migrate"
before_uninstall = "wuse_app.setup.install.before_uninstall"

# Test data for `bench run-tests` (the pytest harness in tests/ builds its own).
before_tests = "wuse_app.setup.install.before_tests"

# Desk assets (plain files served from /assets/wuse_app; no build step needed)
app_include_js = ["/assets/wuse_app/js/personal_data.js"]

# Jinja helpers available to print formats and web templates
jinja = {
	"methods": [
		"wuse_app.utils.jinja.rmb_in_capitals",
		"wuse_app.utils.jinja.official_date",
		"wuse_app.utils.jinja.mask_resident_id",
		"wuse_app.utils.jinja.mask_mobile",
	],
}

# Refuse filters/sorting on personal fields the user cannot read (results are already filtered by Frappe).
permission_query_conditions = {
	"Volunteer": "wuse_app.registry.personal_data.guard_personal_data_filters",
	"Social Worker": "wuse_app.registry.personal_data.guard_personal_data_filters",
}

doc_events = {
	# Personal data must not show in clear in the form timeline's change log.
	"Version": {"before_insert": "wuse_app.registry.personal_data.redact_version"},
}
