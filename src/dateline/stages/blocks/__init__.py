"""Blocks: split an article into body, headings, captions, credits, bylines, datelines."""

from dateline.stages.blocks.stage import MAX_SENTENCE, blocks_component, find_blocks

__all__ = ["MAX_SENTENCE", "blocks_component", "find_blocks"]
