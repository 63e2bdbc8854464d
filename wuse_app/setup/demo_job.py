"""The demo load as a background job (RQ) with a progress bar in the desk.

A full-scale load (thousands of volunteers and their records) takes minutes, longer than a web request
may run: the request only enqueues the job and returns at once. The job publishes its progress with
`frappe.publish_progress` (the desk shows it as a progress bar), then the result or the error
(`msgprint` to the user who started it, and the structured event JOB_EVENT for scripts). A failed job is
also in Frappe's RQ Job list and Error Log, as every failed job is.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import flt, strip_html

from wuse_app.setup.demo import load_demo
from wuse_app.utils.validation import throw

JOB_EVENT = "wuse_demo_load"


@frappe.whitelist(methods=["POST"])
def start_demo_load(scale: float | str = 1.0) -> dict:
	"""Enqueue the demo load (one at a time per site); returns the job id at once."""
	# Not frappe.only_for: it lets every user through while tests run, and this is tested.
	if not {"System Manager", "Wuse Administrator"} & set(frappe.get_roles()):
		throw(_("Only an administrator can load the demo data."), exc=frappe.PermissionError)
	scale = flt(scale)
	if not 0 < scale <= 1:
		throw(_("The demo scale must be more than 0 and at most 1."))
	job_id = f"wuse_demo_load::{frappe.local.site}"
	frappe.enqueue(
		"wuse_app.setup.demo_job.run",
		queue="long",
		timeout=4 * 3600,
		job_id=job_id,
		deduplicate=True,
		now=bool(frappe.flags.in_test),  # the test tier runs the job in its own transaction, at once
		scale=scale,
		user=frappe.session.user,
	)
	return {"job_id": job_id}


def run(scale: float, user: str) -> dict:
	"""The job: loads the demo as `user`, who sees the progress, then the result or the error."""
	frappe.set_user(user)
	title = _("Loading demo data")

	def progress(done: int, total: int, step: str) -> None:
		frappe.publish_progress(round(done * 100 / total), title=title, description=step)

	try:
		summary = load_demo(scale, progress=progress)
	except Exception as error:
		reason = strip_html(str(error)) if isinstance(error, frappe.ValidationError) else type(error).__name__
		message = _("The demo data could not be loaded: {0}. Nothing more was changed by this run.").format(
			reason
		)
		frappe.publish_realtime(JOB_EVENT, {"status": "failed", "message": message}, user=user)
		frappe.publish_realtime(
			"msgprint", {"message": message, "title": _("Demo data"), "indicator": "red"}, user=user
		)
		raise
	frappe.publish_realtime(JOB_EVENT, {"status": "done", "summary": summary}, user=user)
	frappe.publish_realtime(
		"msgprint",
		{"message": _("The demo data is loaded."), "title": _("Demo data"), "indicator": "green"},
		user=user,
	)
	return summary
