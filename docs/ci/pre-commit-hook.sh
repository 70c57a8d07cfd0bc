#!/bin/sh
# Git pre-commit hook: refuse a commit whose documents build into a graph that breaks the shapes.
# Install:  cp docs/ci/pre-commit-hook.sh .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
# Needs `healthplan-kg` on PATH (pip install healthplan-kg, or activate the venv that has it).
# Settings (environment): HEALTHPLAN_KG_CORPUS (default: documents), HEALTHPLAN_KG_STORE
# (default: .store/healthplan-kg), HEALTHPLAN_KG_STRICT=1 to refuse warnings too.
set -eu

corpus="${HEALTHPLAN_KG_CORPUS:-documents}"
store="${HEALTHPLAN_KG_STORE:-.store/healthplan-kg}"

command -v healthplan-kg >/dev/null 2>&1 || {
    echo "pre-commit: healthplan-kg is not installed (pip install healthplan-kg)" >&2; exit 1; }
[ -d "$corpus" ] || exit 0   # nothing to validate in this repository

# The build reuses unchanged documents' graphs; --changed validates only graphs not yet validated.
healthplan-kg build --corpus "$corpus" --store "$store" --quiet --no-validate
if [ "${HEALTHPLAN_KG_STRICT:-}" = 1 ]; then
    healthplan-kg validate --store "$store" --changed --strict
else
    healthplan-kg validate --store "$store" --changed
fi
