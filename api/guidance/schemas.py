"""Hints and the editorial as the API and the problem page show them."""

from __future__ import annotations

from pydantic import BaseModel


class HintRead(BaseModel):
    number: int  # 1-based, in the order they are revealed
    title: str
    html: str  # sanitized; math left for KaTeX


class HintsRead(BaseModel):
    total: int
    revealed: list[HintRead]  # the first len(revealed) hints; staff always get all of them


class EditorialRead(BaseModel):
    html: str
