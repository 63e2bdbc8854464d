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

# `bench run-tests --app wuse_app` runs tests/integration through wuse_app/tests/test_integration_suite.py;
# this makes sure the seeded records exist first (the pytest harness builds its own test data).
before_tests = "wuse_app.setup.install.before_tests"

# Desk assets (plain files served from /assets/wuse_app; no build step needed)
app_include_js = ["/assets/wuse_app/js/personal_data.js", "/assets/wuse_app/js/zh_display.js"]
app_include_js.append("/assets/wuse_app/js/approval_actions.js")  # 撤回 / 转交 / 委托 on governed forms
# Portal pages: the date picker in the site's language (see the file).
web_include_js = ["/assets/wuse_app/js/portal_zh.js"]
# Portal pages on a phone: child tables scroll sideways, the form uses the whole width.
web_include_css = ["/assets/wuse_app/css/portal.css"]

# Charity: the Service Project form shows the money designated and allocated to the project.
doctype_js = {
	"Service Project": [
		"charity/service_project_funding.js",
		"linkage/service_project_needs.js",  # 联动: link the needs a project draft was made from
	],
	"Workflow": "approvals/workflow.js",  # the Workflow form's document type in zh
}
doctype_list_js = {"Workflow Action": "projects/workflow_action_list.js"}  # the approval queue in zh
override_doctype_dashboards = {
	"Service Project": [
		"wuse_app.charity.project_funding.add_charity_connections",
		"wuse_app.linkage.projects.add_need_connections",  # 联动: the needs the project answers
	]
}

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
		# Printed documents: footer, acknowledgement wording and organ from Wuse Settings.
		"wuse_app.documents.print_settings.wuse_print_settings",
		# The "其他信息" block: fields an administrator added and ticked for print.
		"wuse_app.wuse_setup.extra_fields.other_information",
	],
	# `json` made safe inside <script> (replaces Frappe's filter of that name; see the module).
	"filters": ["wuse_app.utils.jinja_filters.json"],
}

# Portal -------------------------------------------------------------------------------------------
# Where each portal role lands after logging in, and its links in the portal sidebar.
role_home_page = {
	"Volunteer": "volunteer_hours",
	"Social Organization User": "service-project-application",
	"Resident": "my-needs",
	"Venture Judge": "venture_judging",
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
	{
		"title": "My Needs",
		"route": "/my-needs",
		"reference_doctype": "Resident Need",
		"role": "Resident",
	},
	{
		"title": "My Emergency Tasks",
		"route": "/emergency_tasks",
		"reference_doctype": "Emergency Dispatch",
		"role": "Volunteer",
	},
	{
		"title": "My Visit Tasks",  # care files: a volunteer's own visit tasks, minimum fields
		"route": "/my_visit_tasks",
		"reference_doctype": "Care Visit",
		"role": "Volunteer",
	},
	# Venture: the published calls and the proposals of an organisation; a judge's score sheets.
	{
		"title": "Venture Calls",
		"route": "/venture_calls",
		"reference_doctype": "Venture Call",
		"role": "Social Organization User",
	},
	{
		"title": "My Venture Proposals",
		"route": "/venture-proposal/list",
		"reference_doctype": "Venture Proposal",
		"role": "Social Organization User",
	},
	{
		"title": "My Score Sheets",
		"route": "/venture_judging",
		"reference_doctype": "Venture Score",
		"role": "Venture Judge",
	},
]
# Web form pages get only the form's own strings translated; add what the application list shows.
update_website_context = [
	"wuse_app.projects.portal.update_website_context",
	"wuse_app.utils.portal_display.update_website_context",  # ¥ on portal pages, as in the desk
]

# Personal data: every request is checked for filters, sorting, grouping and searches on personal fields
# the user cannot read (wuse_app/registry/query_guard.py); Frappe v15's get_count checks no permission.
before_request = [
	"wuse_app.registry.query_guard.guard_request",
	# The shape of documents sent over REST (a JSON object, tables as lists of rows) before Frappe builds them.
	"wuse_app.utils.request_guard.check_request",
]
override_whitelisted_methods = {"frappe.client.get_count": "wuse_app.registry.query_guard.get_count"}

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
	# Portal users of social organisations see their organisations only (none without one).
	"Social Organization": "wuse_app.registry.permissions.organization_query_conditions",
	# Community scope fails closed: a community role without an assigned community sees nothing.
	"*": "wuse_app.registry.community_scope.query_conditions",
	# 联动: community scope that fails closed; residents see only their own needs.
	"Resident Need": "wuse_app.linkage.permissions.query_conditions",
	"Resource Offer": "wuse_app.linkage.permissions.query_conditions",
	"Need Match": "wuse_app.linkage.permissions.query_conditions",
	"Community Emergency": "wuse_app.linkage.permissions.emergency_query_conditions",
	"Emergency Dispatch": "wuse_app.linkage.permissions.dispatch_query_conditions",
	# Venture: portal users see their organisations' proposals; judges their own sheets and assigned proposals.
	"Venture Call": "wuse_app.venture.permissions.call_query_conditions",
	"Venture Proposal": "wuse_app.venture.permissions.proposal_query_conditions",
	"Venture Score": "wuse_app.venture.permissions.score_query_conditions",
	# 委托: a user sees and manages their own delegations (and those made to them); admins all.
	"Approval Delegation": "wuse_app.approvals.delegation.query_conditions",
}

has_permission = {
	"Volunteer Service Record": "wuse_app.volunteering.permissions.has_permission",
	"Time Bank Entry": "wuse_app.volunteering.permissions.has_permission",
	"Points Redemption": "wuse_app.volunteering.permissions.has_permission",
	"Volunteer Service Certificate": "wuse_app.volunteering.permissions.has_permission",
	"Workflow Action": "wuse_app.projects.permissions.workflow_action_has_permission",
	"Social Organization": "wuse_app.registry.permissions.organization_has_permission",
	"*": "wuse_app.registry.community_scope.has_permission",
	"Resident Need": "wuse_app.linkage.permissions.has_permission",
	"Resource Offer": "wuse_app.linkage.permissions.has_permission",
	"Need Match": "wuse_app.linkage.permissions.has_permission",
	"Community Emergency": "wuse_app.linkage.permissions.emergency_has_permission",
	"Emergency Dispatch": "wuse_app.linkage.permissions.dispatch_has_permission",
	"Venture Call": "wuse_app.venture.permissions.call_has_permission",
	"Venture Proposal": "wuse_app.venture.permissions.proposal_has_permission",
	"Venture Score": "wuse_app.venture.permissions.score_has_permission",
	"Approval Delegation": "wuse_app.approvals.delegation.has_permission",
}

# A File made from only the URL of another user's private file would hand its content over; the check
# must run before Frappe's File.before_insert reads that content (see wuse_app/utils/private_files.py).
override_doctype_class = {"File": "wuse_app.utils.private_files.PrivateFileGuard"}

doc_events = {
	"*": {
		# Every value reaching an app doctype is checked first: links, numbers, dates, sizes, types, HTML.
		"before_validate": "wuse_app.utils.input_guard.check_document",
		"before_update_after_submit": [
			"wuse_app.utils.input_guard.check_document",
			"wuse_app.approvals.engine.enforce",
		],
		# Approvals: any doctype whose workflow gives its states an approval stage gets the rules (no code).
		"validate": "wuse_app.approvals.engine.enforce",
		"on_update": "wuse_app.approvals.engine.record",
		"on_submit": "wuse_app.approvals.engine.record",
		"on_cancel": "wuse_app.approvals.engine.record",
		"on_update_after_submit": "wuse_app.approvals.engine.record",
		# A governed document is submitted / cancelled only by a workflow action (no skipped review).
		"before_submit": "wuse_app.approvals.direct.refuse_direct_docstatus_change",
		"before_cancel": "wuse_app.approvals.direct.refuse_direct_docstatus_change",
	},
	# Personal data must not show in clear in the form timeline's change log.
	"Version": {
		"before_insert": [
			"wuse_app.registry.personal_data.redact_version",
			# Fields an administrator added and marked personal (Wuse Settings → Added Fields).
			"wuse_app.wuse_setup.extra_fields.redact_version",
		]
	},
	# Hours, star level and time bank balance are derived; a Volunteer form never overwrites them.
	"Volunteer": {"validate": "wuse_app.volunteering.totals.keep_derived_fields"},
	# Files attached to records with personal data (ID copies, applications) are always private.
	"File": {"before_insert": "wuse_app.utils.private_files.make_attachment_private"},
	# Settings reach their consumers here, so that Wuse Settings imports none of them.
	"Wuse Settings": {
		"validate": "wuse_app.publicity.rules.validate_settings",  # 公示 rules: no personal field
		"on_update": [
			"wuse_app.registry.doctype.community.community.on_settings_update",
			"wuse_app.volunteering.totals.on_settings_update",
			# Added Fields: portal form fields and personal fields' permission level.
			"wuse_app.wuse_setup.extra_fields.apply",
		],
	},
	# Import files (full ID and mobile numbers) are deleted once every row is imported.
	"Data Import": {"on_change": "wuse_app.registry.imports.delete_import_file_after_success"},
	"Workflow": {
		"validate": "wuse_app.approvals.engine.validate_workflow",
		# A renamed state keeps its transitions, documents and settings (wuse_app/approvals/renames.py).
		"before_validate": "wuse_app.approvals.renames.follow_renamed_states",
		"on_update": "wuse_app.approvals.renames.carry_renamed_states",
	},
	# 联动: a completed project resolves the residents' needs it answers.
	"Service Project": {"on_update": "wuse_app.linkage.projects.on_project_update"},
}


def _add_doc_event(doctype: str, event: str, handler: str) -> None:
	"""Append a handler to doc_events (hooks give one handler as a string, several as a list)."""
	handlers = doc_events.setdefault(doctype, {}).get(event) or []
	doc_events[doctype][event] = [*([handlers] if isinstance(handlers, str) else handlers), handler]


# Pick-list masters an administrator owns: a disabled entry cannot be chosen anew, on whatever doctype links
# them, an administrator's custom fields included (wuse_app/setup/masters.py).
_add_doc_event("*", "validate", "wuse_app.setup.masters.refuse_disabled_choices")

# Care files (issue 17): the strictest scoping in the app, and a log of every read (wuse_app/care/access.py).
for _care_doctype in ("Care Recipient", "Care Assessment", "Care Visit"):
	permission_query_conditions[_care_doctype] = "wuse_app.care.access.query_conditions"
	has_permission[_care_doctype] = "wuse_app.care.access.has_permission"

# 公示: entering the state a Wuse Settings public notice rule names opens a Public Notice (any doctype).
for _event in ("on_update", "on_submit", "on_update_after_submit"):
	_add_doc_event("*", _event, "wuse_app.publicity.notices.on_state_change")

# The venture module hands confirmed results to 公示 here (wuse_app.venture.awards.hand_over_to_publicity).
venture_results_publicity = ["wuse_app.publicity.venture.publicise_results"]

# frappe.client.get_count has no permission check in Frappe v15: count through frappe.get_list instead.

scheduler_events = {
	"daily": [
		"wuse_app.care.visits.send_overdue_visit_reminders",  # 逾期未走访
		"wuse_app.publicity.notices.close_ended_notices",  # 公示期满
	],
	"hourly": ["wuse_app.approvals.reminders.send_reminders"],  # 催办 and escalation
}
