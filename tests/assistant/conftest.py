"""The catalogue fixtures (`catalogue_settings`, `assistant`, `home`) live in tests/conftest.py,
shared with tests/e2e: one ingested collection of the shipped catalogue per test session."""
