"""Partner recommendations: page and API (placeholder)."""

from fastapi import APIRouter

router = APIRouter()
