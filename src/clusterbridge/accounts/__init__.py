"""Accounts, roles and permissions: who may see and change what."""
