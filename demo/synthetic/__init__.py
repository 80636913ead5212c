"""Synthetic catalogue data for tests and benchmarks: vocabularies, a seeded generator, bulk writes."""
