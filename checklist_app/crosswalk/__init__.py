"""Mapping suggestions, transitive inference, coverage and gaps."""
