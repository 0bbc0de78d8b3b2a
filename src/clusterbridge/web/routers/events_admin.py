"""Placeholder router: filled in by the event pages."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
