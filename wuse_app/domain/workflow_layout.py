"""A readable Workflow Builder layout for a workflow (Frappe v15 stores it in `Workflow.workflow_data`).

Frappe's builder places every state row 400 px right of the previous one on one line and every action
node on the same line, so a seeded workflow with a dozen states and twenty actions opens as one tangle.
`builder_layout` computes node positions instead: states left to right in review order (the longest
path from the first state, ignoring the edges back to a state already on the path), the states of one
column stacked, and each state's actions stacked in the gap to its right, so nothing overlaps.

Framework-free: wuse_app.workflows.layout.ensure_layout writes the result onto a Workflow only while
its `workflow_data` is empty, so an administrator's own arrangement in the builder is never replaced.
"""

from __future__ import annotations

from collections.abc import Sequence

COLUMN_WIDTH = 480  # a state node (~200 px), its actions (~150 px) and the gaps
ACTION_OFFSET = 250  # actions sit right of their source state, as Frappe places them
ROW_HEIGHT = 70  # one action node or one extra row of the same state
BLOCK_GAP = 50  # between two states stacked in one column
ORIGIN = (100, 100)


def review_order(states: Sequence[str], transitions: Sequence[tuple[str, str]]) -> dict[str, int]:
	"""State -> column: the longest forward path from the first state (back edges ignored).

	Unreachable states go one column right of the rest, in the order given.
	"""
	names = list(dict.fromkeys(states))
	if not names:
		return {}
	edges: dict[str, list[str]] = {n: [] for n in names}
	for source, target in transitions:
		if source in edges and target in edges and target not in edges[source]:
			edges[source].append(target)
	# Back edges: found by a depth-first walk from the first state in the order given.
	forward: dict[str, list[str]] = {n: [] for n in names}
	visiting: set[str] = set()
	done: set[str] = set()

	def walk(node: str) -> None:
		visiting.add(node)
		for target in edges[node]:
			if target in visiting:
				continue  # a return to a state on the current path
			forward[node].append(target)
			if target not in done:
				walk(target)
		visiting.discard(node)
		done.add(node)

	walk(names[0])
	column = {names[0]: 0}
	# Longest path over the forward edges (a DAG): relax in a topological order.
	order: list[str] = []
	seen: set[str] = set()

	def topo(node: str) -> None:
		seen.add(node)
		for target in forward[node]:
			if target not in seen:
				topo(target)
		order.append(node)

	topo(names[0])
	for node in reversed(order):
		for target in forward[node]:
			column[target] = max(column.get(target, 0), column[node] + 1)
	last = max(column.values())
	for name in names:
		if name not in column:
			column[name] = last + 1
	return column


def builder_layout(
	state_rows: Sequence[str], transitions: Sequence[tuple[str, str, str]]
) -> tuple[list[str], list[str], list[dict]]:
	"""Builder ids of the state rows and transition rows, and the `workflow_data` elements.

	`state_rows`: the state of each Workflow Document State row, in row order (a state may have several
	rows, one per editing role: the builder shows each row as a node; the extra ones go under the first).
	`transitions`: (state, action, next_state) of each Workflow Transition row, in row order.
	"""
	state_ids = [str(i + 1) for i in range(len(state_rows))]
	first_row: dict[str, str] = {}
	extra_rows: dict[str, list[str]] = {}
	for row_id, state in zip(state_ids, state_rows, strict=True):
		if state in first_row:
			extra_rows[state].append(row_id)
		else:
			first_row[state] = row_id
			extra_rows[state] = []
	columns = review_order(list(first_row), [(s, n) for s, _a, n in transitions])
	actions_from: dict[str, int] = {state: 0 for state in first_row}
	for state, _action, _next in transitions:
		if state in actions_from:
			actions_from[state] += 1

	positions: dict[str, tuple[int, int]] = {}
	block_top: dict[str, int] = {}
	heights: dict[int, int] = {}
	for state in first_row:  # row order: the seeded order of a column's states
		col = columns[state]
		top = heights.get(col, 0)
		rows = max(actions_from[state], 1 + len(extra_rows[state]))
		block_top[state] = top
		x = ORIGIN[0] + col * COLUMN_WIDTH
		positions[first_row[state]] = (x, ORIGIN[1] + top)
		for i, row_id in enumerate(extra_rows[state], start=1):
			positions[row_id] = (x, ORIGIN[1] + top + i * ROW_HEIGHT)
		heights[col] = top + rows * ROW_HEIGHT + BLOCK_GAP

	elements: list[dict] = [
		{"id": row_id, "type": "state", "position": {"x": x, "y": y}} for row_id, (x, y) in positions.items()
	]
	transition_ids: list[str] = []
	placed: dict[str, int] = {state: 0 for state in first_row}
	for i, (state, _action, next_state) in enumerate(transitions, start=1):
		action_id = f"action-{i}"
		transition_ids.append(action_id)
		if state not in first_row or next_state not in first_row:
			continue  # a row naming no state of the workflow: Frappe refuses it on save anyway
		source, target = first_row[state], first_row[next_state]
		x, _y = positions[source]
		y = ORIGIN[1] + block_top[state] + placed[state] * ROW_HEIGHT + 10
		placed[state] += 1
		elements.append(
			{
				"id": action_id,
				"type": "action",
				"position": {"x": x + ACTION_OFFSET, "y": y},
				"data": {"from_id": source, "to_id": target},
			}
		)
		elements.append(_edge(source, action_id))
		elements.append(_edge(action_id, target))
	return state_ids, transition_ids, elements


def _edge(source: str, target: str) -> dict:
	return {
		"id": f"edge-{source}-{target}",
		"type": "transition",
		"source": source,
		"target": target,
		"sourceHandle": "right",
		"targetHandle": "left",
		"updatable": True,
		"animated": True,
	}
