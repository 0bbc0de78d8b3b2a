"""Partner-search posts: pages and API (placeholder)."""

from fastapi import APIRouter

router = APIRouter()
