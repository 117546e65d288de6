"""Synthetic records for the benchmarks and load tests (`records.py`) and the
`generate_synthetic` command that makes them.

An app of the benchmarks, not of the portal: bench/settings.py installs it, so the command
exists under `--settings=bench.settings` and never in a deployment.
"""
