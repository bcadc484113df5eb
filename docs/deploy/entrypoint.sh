#!/usr/bin/env bash
# The container's entry point (docs/deploy/Dockerfile): checks that the environment can work, gets
# the checkout CCAL reads its config and remote from, then execs `ccal run --daemon` (so ccal is the
# process tini signals, and SIGTERM stops it cleanly).
#
#   ccal-entrypoint [FLAG...]      checks, then `ccal run --daemon --repo CHECKOUT FLAG...`
#   ccal-entrypoint healthcheck    exit 0 when the daemon's /healthz answers 2xx (the HEALTHCHECK)
#   ccal-entrypoint COMMAND...     runs COMMAND as is: `claude auth login`, `ccal status`, `bash`
#
# Environment:
#   GITHUB_TOKEN or GH_TOKEN       required (or CCAL_APP_ID with CCAL_APP_PRIVATE_KEY for a GitHub App)
#   ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN, Bedrock or Vertex settings, or a login in ~/.claude
#   CCAL_CHECKOUT                  the checkout (default ~/checkout); read by this script only
#   GITHUB_REPOSITORY=owner/name   cloned into CCAL_CHECKOUT when it is not a checkout yet
#   GITHUB_SERVER_URL              where to clone from (default https://github.com)
#   CCAL_MONITORING_METRICS_PORT   the port of /metrics and /healthz (default 9464)
set -euo pipefail

# EX_CONFIG: the environment is wrong, not the program; restarting will not help.
fail() {
  echo "ccal-entrypoint: $*" >&2
  exit 78
}

log() { echo "ccal-entrypoint: $*" >&2; }

port="${CCAL_MONITORING_METRICS_PORT:-9464}"

healthcheck() {
  exec node -e '
    fetch(`http://127.0.0.1:${process.argv[1]}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
      response => process.exit(response.ok ? 0 : 1),
      () => process.exit(1)
    )' "$port"
}

case "${1:-}" in
  healthcheck) healthcheck ;;
  "" | -*) ;;
  *) exec "$@" ;;
esac

has_github_credentials() {
  [ -n "${GITHUB_TOKEN:-}" ] || [ -n "${GH_TOKEN:-}" ] ||
    { [ -n "${CCAL_APP_ID:-}" ] && [ -n "${CCAL_APP_PRIVATE_KEY:-}" ]; }
}

has_model_credentials() {
  [ -n "${ANTHROPIC_API_KEY:-}" ] || [ -n "${CLAUDE_CODE_OAUTH_TOKEN:-}" ] ||
    [ -n "${CLAUDE_CODE_USE_BEDROCK:-}" ] || [ -n "${CLAUDE_CODE_USE_VERTEX:-}" ] ||
    [ -s "${HOME}/.claude/.credentials.json" ]
}

is_dry_run() {
  [ "${CCAL_SAFETY_DRY_RUN:-}" = "true" ] && return 0
  local arg
  for arg in "$@"; do [ "$arg" = "--dry-run" ] && return 0; done
  return 1
}

has_github_credentials ||
  fail "no GitHub credentials: set GITHUB_TOKEN (or GH_TOKEN), or CCAL_APP_ID and CCAL_APP_PRIVATE_KEY"
if ! is_dry_run "$@" && ! has_model_credentials; then
  fail "no Claude Code credentials: set ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN, or log in once with 'docker run -it -v ccal-home:/home/ccal IMAGE claude auth login'"
fi

checkout="${CCAL_CHECKOUT:-${HOME}/checkout}"
# CCAL_* names are CCAL's settings, and ccal refuses one it does not know: this one is ours alone.
unset CCAL_CHECKOUT

# Git credentials for the clone go through the environment, never the command line or the remote URL.
git_auth() {
  local token="${GITHUB_TOKEN:-${GH_TOKEN:-}}"
  [ -n "$token" ] || return 0
  local basic
  basic="$(printf 'x-access-token:%s' "$token" | base64 -w0)"
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http.extraHeader
  export GIT_CONFIG_VALUE_0="Authorization: Basic ${basic}"
}

if git -C "$checkout" rev-parse --git-dir >/dev/null 2>&1; then
  # A clone this script made follows its remote at every start, so config changes reach the daemon.
  if [ -f "$checkout/.git/ccal-entrypoint-clone" ]; then
    (git_auth && git -C "$checkout" pull --ff-only --quiet) || log "could not update $checkout; going on with it as it is"
  fi
elif [ -n "${GITHUB_REPOSITORY:-}" ]; then
  [[ "$GITHUB_REPOSITORY" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] ||
    fail "GITHUB_REPOSITORY must be owner/name, found '$GITHUB_REPOSITORY'"
  if [ -d "$checkout" ] && [ -n "$(ls -A "$checkout")" ]; then
    fail "$checkout is not empty and not a git checkout: mount a checkout there, or an empty directory"
  fi
  url="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY}.git"
  log "cloning $url into $checkout"
  (git_auth && git clone --quiet --no-tags "$url" "$checkout") || fail "could not clone $url"
  touch "$checkout/.git/ccal-entrypoint-clone"
else
  fail "no repository: mount a checkout at $checkout (or set CCAL_CHECKOUT), or set GITHUB_REPOSITORY=owner/name"
fi

exec ccal run --daemon --repo "$checkout" "$@"
