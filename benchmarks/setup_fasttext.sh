#!/usr/bin/env bash
# A separate virtual environment for fastText (its predict needs numpy<2), with directive-clf
# in it for the shared tokenizer; prints its python.
set -euo pipefail
venv="${1:-$(dirname "$0")/../.fasttext-venv}"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "numpy<2" fasttext "$(dirname "$0")/.."
echo "$venv/bin/python"
