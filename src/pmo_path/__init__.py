"""pmo-path: a career gap analyzer for project professionals heading into PMO and portfolio roles."""

__version__ = "0.1.0"
