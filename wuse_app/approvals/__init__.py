"""The approval layer: rules that follow the administrator's Workflow, for any doctype.

- `config`: the custom fields on Workflow Document State / Workflow Transition and the `Policy` read
  from a doctype's active workflow;
- `engine`: the rules every governed document gets on save (no self-decision, locked fields, reasons).

The rules themselves are framework-free, in wuse_app.domain.approvals.
"""
