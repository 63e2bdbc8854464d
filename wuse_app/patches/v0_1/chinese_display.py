"""Sites set up before the Chinese display defaults: ¥ for CNY and the app's name on the login page."""

from wuse_app.setup.site import apply_chinese_display


def execute():
	apply_chinese_display()
