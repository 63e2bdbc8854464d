"""Every user-visible string of the app has a zh translation, and the desk renders in zh."""

from __future__ import annotations

import re

import frappe
from frappe.translate import get_all_translations, get_messages_for_app

LATIN = re.compile(r"[A-Za-z]")
# Strings that are not user-facing words: naming series patterns and the like.
NOT_TEXT = re.compile(r"^[A-Z]+-\.(YYYY\.-\.)?#+$|^[A-Z]+-\.YYYY\.-\.#+$")


def app_messages() -> list[tuple[str, str | None, str]]:
	messages = []
	for message in get_messages_for_app("wuse_app"):
		path, text = message[0] or "", message[1]
		context = message[2] if len(message) > 2 else None
		if path.startswith("Navbar:"):
			continue  # Frappe's own navbar items
		if not LATIN.search(text) or NOT_TEXT.match(text):
			continue  # already Chinese, or a pattern
		messages.append((text, context, path))
	return messages


def test_every_app_message_has_a_zh_translation():
	zh = get_all_translations("zh")
	missing = sorted(
		{
			f"{text!r} ({path})"
			for text, context, path in app_messages()
			if text not in zh and f"{text}:{context}" not in zh
		}
	)
	assert not missing, f"{len(missing)} strings lack a zh translation:\n" + "\n".join(missing)


def test_default_workflow_states_and_actions_are_translated():
	from wuse_app.workflows import DEFAULT_WORKFLOWS

	zh = get_all_translations("zh")
	missing = set()
	for workflow in DEFAULT_WORKFLOWS:
		missing |= {s.name for s in workflow.states if s.name not in zh}
		missing |= {a for a in workflow.actions() if a not in zh}
	assert not missing, sorted(missing)


def test_roles_read_in_chinese():
	frappe.local.lang = "zh"
	assert frappe._("Wuse Administrator") == "五社联动管理员"
	assert frappe._("Volunteer") == "志愿者"
	assert frappe._("Community Secretary") == "社区书记"


def test_select_options_translate_with_context():
	frappe.local.lang = "zh"
	assert frappe._("None", context="Social Organization") == "未建立"
	assert frappe._("None", context="Social Worker") == "无"


# Frappe v15 ships no zh for these desk strings, which every user of the app sees on every form and list.
FRAPPE_DESK_STRINGS = (
	"List View",
	"Report View",
	"Edit Filters",
	"{0} created this",
	"{0} last edited this",
	"{0} changed the value of {1}",
	"{0} from {1} to {2}",
	"{0} submitted this document:Form timeline",
	"{0} cancelled this document:Form timeline",
	"No new notifications",
	"{0} m",  # list views' "modified" column: 5 分钟, not Frappe's 5米 (metres)
	"{0} d",
	"{0} w",
	# The login page, the portal and the Workflow form and builder (issue: no English a user meets).
	"Login to {0}",
	"Login with Email Link",
	"Don't have an account?",
	"Load More",
	"Try the new Print Designer",
	"Build",
	"Reset Changes",
	"Drag to add state",
	"Fit",
	"State:Workflow Document State",  # Frappe: 州 (a province)
	"State:Workflow Transition",
	"Worflow States Don't Exist",  # Frappe: 蠕变状态不存在 ("creep states")
)


def test_a_state_without_context_reads_as_a_workflow_state_not_a_province():
	# The Workflow form's warning table translates "State" bare (Frappe's zh: 州, a province).
	frappe.local.lang = "zh"
	assert frappe._("State") == "状态"


def test_the_desk_strings_frappe_leaves_in_english_read_in_chinese():
	zh = get_all_translations("zh")
	missing = [text for text in FRAPPE_DESK_STRINGS if not re.search(r"[\u4e00-\u9fff]", zh.get(text, ""))]
	assert not missing, missing
