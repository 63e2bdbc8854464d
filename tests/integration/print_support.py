"""Rendering print formats to PDF through Frappe's own path, for the print-format tests."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import frappe


def render_print(doctype: str, name: str, print_format: str, as_pdf: bool = True) -> bytes | str:
	"""What a user gets from Print → PDF (`frappe.get_print`).

	Rendered in the test process there is no request, so Frappe builds the URL wkhtmltopdf fetches the
	print stylesheet from out of the site name and the bench's webserver_port. scripts/test serves the
	test site on 127.0.0.1 at its own port (WUSE_TEST_URL) instead, so point host_name there. What a user
	gets when they open the site by its name (bootstrap's URL, resolved through /etc/hosts) is proven
	in the browser tier: tests/browser/test_browser_site_name.py.
	"""
	conf = frappe.local.conf
	previous = conf.get("host_name")
	conf.host_name = os.environ.get("WUSE_TEST_URL") or previous
	try:
		return frappe.get_print(doctype, name, print_format=print_format, as_pdf=as_pdf)
	finally:
		conf.host_name = previous


def first_page_png(pdf: bytes, dpi: int = 60) -> bytes:
	"""Page 1 of a PDF as a PNG image (poppler's pdftoppm)."""
	with tempfile.TemporaryDirectory() as folder:
		path = Path(folder) / "print.pdf"
		path.write_bytes(pdf)
		command = ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile"]
		subprocess.run([*command, str(path), str(Path(folder) / "page")], check=True)
		return (Path(folder) / "page.png").read_bytes()


def save_page_image(pdf: bytes, filename: str) -> bytes:
	"""Page 1 as PNG; written to docs/print/<filename> when WUSE_UPDATE_PRINT_IMAGES=1 (for the README)."""
	png = first_page_png(pdf)
	assert png.startswith(b"\x89PNG")
	if os.environ.get("WUSE_UPDATE_PRINT_IMAGES") == "1":
		target = Path(frappe.get_app_path("wuse_app")).parent / "docs" / "print" / filename
		target.write_bytes(png)
	return png
