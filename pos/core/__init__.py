"""The domain: plain Python, no Textual, that the CLI, the screens and the tests all call.

Rooms by job, each importing only the rooms below it (import-linter's contracts in
pyproject.toml say so, and `.ci/run` checks them): `training` over `counter` over `codes`
and `analytics` (which never import each other) over `log` over `selling` over `base`.
"""
