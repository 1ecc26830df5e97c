"""Renderers: turn core results into JSON data, Rich renderables or Markdown.

They never compute: everything they show comes from the core's results.
"""
