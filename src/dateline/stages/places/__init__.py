"""Places: place mentions recognised and resolved to coordinates with the offline gazetteer."""

from dateline.stages.places.stage import PlacesComponent, find_places, make_places

__all__ = ["PlacesComponent", "find_places", "make_places"]
