"""Preservation on the top floor: BagIt export and restore of the holdings (issue 12)."""
