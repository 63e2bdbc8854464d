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

# Charity: the Service Project form shows the money designated and allocated to the project.
doctype_js = {"Service Project": "charity/service_project_funding.js"}
doctype_list_js = {"Workflow Action": "projects/workflow_action_list.js"}  # the approval queue in zh
override_doctype_dashboards = {"Service Project": "wuse_app.charity.project_funding.add_charity_connections"}

# Jinja helpers available to print formats and web templates
jinja = {
	"methods": [
		"wuse_app.utils.jinja.rmb_in_capitals",
		"wuse_app.utils.jinja.official_date",
		"wuse_app.utils.jinja.mask_resident_id",
		"wuse_app.utils.jinja.mask_mobile",
		"wuse_app.utils.print_support.pdf_zoom",
		# Service projects: the approval trail for print formats.
		"wuse_app.projects.approval.get_approval_trail",
	],
}

# Portal -------------------------------------------------------------------------------------------
# Where each portal role lands after logging in, and its links in the portal sidebar.
role_home_page = {
	"Volunteer": "volunteer_hours",
	"Social Organization User": "service-project-application",
}
standard_portal_menu_items = [  # Frappe drops items without a reference_doctype on migrate
	{
		"title": "My Volunteer Service",
		"route": "/volunteer_hours",
		"reference_doctype": "Volunteer Service Record",
		"role": "Volunteer",
	},
	{
		"title": "My Service Project Applications",
		"route": "/service-project-application",
		"reference_doctype": "Service Project",
		"role": "Social Organization User",
	},
]
# Web form pages get only the form's own strings translated; add what the application list shows.
update_website_context = "wuse_app.projects.portal.update_website_context"

# Refuse filters/sorting on personal fields the user cannot read (results are already filtered by Frappe).
permission_query_conditions = {
	"Volunteer": "wuse_app.registry.personal_data.guard_personal_data_filters",
	"Social Worker": "wuse_app.registry.personal_data.guard_personal_data_filters",
	"Donor": "wuse_app.registry.personal_data.guard_personal_data_filters",
	# Portal volunteers see only their own service records, time bank, redemptions and certificates.
	"Volunteer Service Record": "wuse_app.volunteering.permissions.query_conditions",
	"Time Bank Entry": "wuse_app.volunteering.permissions.query_conditions",
	"Points Redemption": "wuse_app.volunteering.permissions.query_conditions",
	"Volunteer Service Certificate": "wuse_app.volunteering.permissions.query_conditions",
	# Service projects: reviewers see only projects they may open, never their own, in the approval queue.
	"Workflow Action": "wuse_app.projects.permissions.workflow_action_query_conditions",
	# Venture: portal users see their organisations' proposals; judges their own sheets and assigned proposals.
	"Venture Call": "wuse_app.venture.permissions.call_query_conditions",
	"Venture Proposal": "wuse_app.venture.permissions.proposal_query_conditions",
	"Venture Score": "wuse_app.venture.permissions.score_query_conditions",
}

has_permission = {
	"Volunteer Service Record": "wuse_app.volunteering.permissions.has_permission",
	"Time Bank Entry": "wuse_app.volunteering.permissions.has_permission",
	"Points Redemption": "wuse_app.volunteering.permissions.has_permission",
	"Volunteer Service Certificate": "wuse_app.volunteering.permissions.has_permission",
	"Workflow Action": "wuse_app.projects.permissions.workflow_action_has_permission",
	"Venture Call": "wuse_app.venture.permissions.call_has_permission",
	"Venture Proposal": "wuse_app.venture.permissions.proposal_has_permission",
	"Venture Score": "wuse_app.venture.permissions.score_has_permission",
}

doc_events = {
	# Personal data must not show in clear in the form timeline's change log.
	"Version": {"before_insert": "wuse_app.registry.personal_data.redact_version"},
	# Hours, star level and time bank balance are derived; a Volunteer form never overwrites them.
	"Volunteer": {"validate": "wuse_app.volunteering.totals.keep_derived_fields"},
	# Files attached to records with personal data (ID copies, applications) are always private.
	"File": {"before_insert": "wuse_app.utils.private_files.make_attachment_private"},
}
