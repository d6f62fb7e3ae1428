# Sourced by bin/serve and bin/test: creates .venv and installs the pinned
# requirements when they changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Follow-up Tracker needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv ..."
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements-$1.sha256
want=$(cat requirements.txt "requirements$2.txt" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing requirements$2.txt into .venv ..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "requirements$2.txt"
  echo "$want" > "$stamp"
fi
