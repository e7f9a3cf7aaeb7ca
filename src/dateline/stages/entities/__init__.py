"""Entities: people and organisations, their mentions resolved into one entity each."""

from dateline.stages.entities.stage import entities_component, entity_at, find_entities

__all__ = ["entities_component", "entity_at", "find_entities"]
