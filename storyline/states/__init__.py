"""Statements with provenance, state intervals built from events, and claim checking."""

from storyline.states.claims import check_claims
from storyline.states.statements import build_statements
from storyline.states.tracker import as_of, states_json, status_on, track_states

__all__ = ["build_statements", "track_states", "states_json", "as_of", "status_on", "check_claims"]
