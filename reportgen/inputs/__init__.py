"""Inputs: the input folder, the unit profile, tables and YAML files, and one schema per input kind."""
