"""Imports every model module so that the metadata is complete (for Alembic and tests)."""

from clusterbridge.accounts import models as accounts_models  # noqa: F401
from clusterbridge.analytics.datasets import models as dataset_models  # noqa: F401
from clusterbridge.analytics.evaluation import models as evaluation_models  # noqa: F401
from clusterbridge.core import audit  # noqa: F401
from clusterbridge.events import models as event_models  # noqa: F401
from clusterbridge.matchmaking.posts import models as post_models  # noqa: F401
from clusterbridge.registry import models  # noqa: F401
