"""Scoring: assessment (PMPRB) scores and the score table, from validated worksheets."""
