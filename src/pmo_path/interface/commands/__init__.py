"""The commands, one module a subject. Importing this package registers them all on `interface.app.app`.

The order of the imports is the order of `pmo-path --help`: one person first,
then the ladders, a team, others' views, and the framework's own tools.
"""

from . import person  # noqa: F401, I001  (assess, plan)
from . import roles  # noqa: F401  (roles, role, path, match)
from . import team  # noqa: F401  (team, progress, bench)
from . import feedback  # noqa: F401
from . import framework  # noqa: F401  (validate, init, schema, form)
