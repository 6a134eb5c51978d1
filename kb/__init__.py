"""Evidence KB: health claims graded by the PubMed evidence behind them."""
from .celery import app as celery_app

__all__ = ("celery_app",)
