"""Helpers shared by the shop load tests, mounted from the lib ConfigMap."""
