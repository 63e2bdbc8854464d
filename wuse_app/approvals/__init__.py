"""The approval layer: rules that follow the administrator's Workflow, for any doctype.

- `config`: the custom fields on Workflow Document State / Workflow Transition and the `Policy` read
  from a doctype's active workflow;
- `engine`: the rules every governed document gets on save (no self-decision, locked fields, reasons,
  required fields, 会签 votes, the trail);
- `delegation`: 委托, a delegate acting for an approver during a period (Approval Delegation);
- `actions`: 转交 (forward), 撤回 (withdraw) and 抄送 (CC);
- `api`: the whitelisted endpoints (decide, withdraw, forward, form_actions, trail).

The rules themselves are framework-free, in wuse_app.domain.approvals.
"""
