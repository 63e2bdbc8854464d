"""Default workflow "Service Project Approval" (seeded once; see wuse_app.workflows)."""

from __future__ import annotations

from wuse_app.workflows.definitions import WorkflowDefinition

SERVICE_PROJECT_WORKFLOW: WorkflowDefinition | None = None  # defined with the Service Project doctype
