"""The commands, one module a subject. Importing this package registers them all on `interface.app.app`."""

from . import framework, person, roles, team  # noqa: F401
