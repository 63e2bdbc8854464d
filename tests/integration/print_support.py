"""Rendering print formats to PDF through Frappe's own path, for the print-format tests."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import frappe


def render_print(doctype: str, name: str, print_format: str, as_pdf: bool = True) -> bytes | str:
	"""What a user gets from Print → PDF (`frappe.get_print`).

	wkhtmltopdf loads the print stylesheet from the site's URL, and `*.localhost` names don't resolve
	on every machine: point it at the served test site.
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
