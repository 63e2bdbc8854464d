"""Default workflow "Official Document Issuing" (seeded once; see wuse_app.workflows)."""

from __future__ import annotations

from wuse_app.workflows.definitions import WorkflowDefinition

OFFICIAL_DOCUMENT_WORKFLOW: WorkflowDefinition | None = None  # defined with the Official Document doctype
