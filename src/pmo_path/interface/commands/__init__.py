"""The commands, one module a subject. Importing this package registers them all on `interface.app.app`."""

from . import feedback, framework, person, roles, team  # noqa: F401
