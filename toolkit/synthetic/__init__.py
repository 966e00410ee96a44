"""Seeded generators of the shipped synthetic forums (example, gemeente-30, ...)."""
