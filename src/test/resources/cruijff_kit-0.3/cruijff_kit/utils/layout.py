"""Per-run directory layout constants.

Single source of truth for subdirectory names inside a `{run_name}/` directory.
Importing tools should never hardcode these strings.

See `docs/ARTIFACT_LOCATIONS.md` for the full layout.
"""

ARTIFACTS_DIR = "artifacts"
