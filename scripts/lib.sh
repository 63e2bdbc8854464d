# Shared shell helpers for scripts/bootstrap and scripts/test. Source it; do not run it.
# shellcheck shell=bash

WUSE_ROOT=${WUSE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

say() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }

# The bench to use: $WUSE_BENCH when set (and only it: WUSE_BENCH=none means "no bench"), else the
# first of the usual places that holds a bench.
find_bench() {
	local candidate home candidates=()
	# The bench user's (frappe) home first, then yours, then every other user's home.
	for home in "$(getent passwd frappe | cut -d: -f6)" "$HOME" $(getent passwd | cut -d: -f6 | sort -u); do
		[ -n "$home" ] && candidates+=("$home/frappe-bench")
	done
	[ -n "${WUSE_BENCH:-}" ] && candidates=("$WUSE_BENCH")
	for candidate in "${candidates[@]}"; do
		if [ -n "$candidate" ] && [ -f "$candidate/sites/apps.txt" ] && [ -x "$candidate/env/bin/python" ]; then
			(cd "$candidate" && pwd)
			return 0
		fi
	done
	return 1
}

# Run a command as the bench's owner (bench and Frappe must not write files as root).
as_bench_user() {
	local owner
	owner=$(stat -c %U "$BENCH")
	if [ "$(id -u)" = 0 ] && [ "$owner" != root ]; then
		runuser -u "$owner" -- env HOME="$(getent passwd "$owner" | cut -d: -f6)" "$@"
	else
		"$@"
	fi
}

# `bench --site … <frappe command>` without the bench CLI: the same entry point bench itself uses.
frappe_cmd() {
	(cd "$BENCH/sites" && as_bench_user "$BENCH/env/bin/python" -m frappe.utils.bench_helper frappe "$@")
}

bench_config() {
	"$BENCH/env/bin/python" - "$BENCH/sites/common_site_config.json" "$1" <<'PY'
import json, sys
try:
	print(json.load(open(sys.argv[1])).get(sys.argv[2]) or "")
except FileNotFoundError:
	print("")
PY
}

# Make a site's name resolve to this machine, as `bench add-to-hosts` does. A PDF is made by the
# server's wkhtmltopdf, which fetches the print stylesheet from the host the site was opened at;
# browsers resolve `*.localhost` by themselves, the server only through the hosts file.
ensure_hosts_entry() {
	local name=$1
	getent hosts "$name" >/dev/null 2>&1 && return 0
	[ -w /etc/hosts ] || return 1
	printf '127.0.0.1\t%s\n' "$name" >>/etc/hosts
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for_port() {
	local host=$1 port=$2 seconds=${3:-60} i
	for ((i = 0; i < seconds * 4; i++)); do
		port_open "$host" "$port" && return 0
		sleep 0.25
	done
	return 1
}

# Start MariaDB and Redis when they are not answering (CI runs after every process of the session
# that built the bench is gone). Only root can start them; otherwise say what is missing.
ensure_services() {
	local db_host db_port redis_url redis_port
	db_host=$(bench_config db_host)
	db_host=${db_host:-127.0.0.1}
	db_port=$(bench_config db_port)
	db_port=${db_port:-3306}
	if ! port_open "$db_host" "$db_port"; then
		if [ "$(id -u)" = 0 ] && command -v mysqld_safe >/dev/null; then
			say "starting MariaDB"
			(setsid mysqld_safe >/dev/null 2>&1 &)
		fi
		wait_for_port "$db_host" "$db_port" 60 || { warn "MariaDB is not answering on $db_host:$db_port"; return 1; }
	fi
	for key in redis_cache redis_queue; do
		redis_url=$(bench_config "$key")
		redis_port=${redis_url##*:}
		redis_port=${redis_port%%/*}
		[ -n "$redis_port" ] || continue
		if ! port_open 127.0.0.1 "$redis_port"; then
			if command -v redis-server >/dev/null; then
				say "starting Redis on port $redis_port"
				redis-server --port "$redis_port" --daemonize yes --save "" --appendonly no >/dev/null
			fi
			wait_for_port 127.0.0.1 "$redis_port" 20 || { warn "Redis is not answering on $redis_port"; return 1; }
		fi
	done
}

# Make $BENCH/apps/wuse_app hold exactly the checkout at $1, installed in the bench's environment.
sync_app() {
	local checkout app_dir current
	checkout=$(cd "$1" && pwd -P)
	app_dir="$BENCH/apps/wuse_app"
	current=$(cd "$app_dir" 2>/dev/null && pwd -P || true)
	if [ "$current" != "$checkout" ]; then
		[ -L "$app_dir" ] && rm "$app_dir"
		mkdir -p "$app_dir"
		tar -C "$checkout" --exclude=.git --exclude='__pycache__' --exclude='*.pyc' -cf - . |
			(cd "$app_dir" && find . -mindepth 1 -maxdepth 1 -exec rm -rf {} + && tar -xf -)
		[ "$(id -u)" = 0 ] && chown -R "$(stat -c %U "$BENCH"):$(stat -c %G "$BENCH")" "$app_dir"
	fi
	grep -qx wuse_app "$BENCH/sites/apps.txt" || {
		[ -n "$(tail -c1 "$BENCH/sites/apps.txt")" ] && echo >>"$BENCH/sites/apps.txt"
		echo wuse_app >>"$BENCH/sites/apps.txt"
	}
	local installed
	installed=$(cd / && "$BENCH/env/bin/python" -c 'import os, wuse_app; print(os.path.realpath(os.path.dirname(os.path.dirname(wuse_app.__file__))))' 2>/dev/null || true)
	if [ "$installed" != "$(cd "$app_dir" && pwd -P)" ]; then
		as_bench_user "$BENCH/env/bin/python" -m pip install --quiet --no-deps -e "$app_dir" || return 1
	fi
	# Static assets of the app (served at /assets/wuse_app/...)
	if [ ! -e "$BENCH/sites/assets/wuse_app" ] || [ "$(readlink -f "$BENCH/sites/assets/wuse_app")" != "$(readlink -f "$app_dir/wuse_app/public")" ]; then
		as_bench_user ln -sfn "$app_dir/wuse_app/public" "$BENCH/sites/assets/wuse_app"
	fi
}
