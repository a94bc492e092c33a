"""Request and response bodies of the service, with the limits that keep hostile input
out: bounded sizes and counts, and strings free of NUL bytes and lone surrogates (which
no database stores and no JSON encoder writes back)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from uavscreen.api.textcheck import bad_text

MAX_TEXT = 1000


def _clean(value: str) -> str:
    reason = bad_text(value)
    if reason:
        raise ValueError(f"text {reason}")
    return value


Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_clean)]
LongText = Annotated[str, Field(max_length=5000), AfterValidator(_clean)]


class EntityExample(BaseModel):
    """One yente query: an FtM-shaped example entity."""

    model_config = ConfigDict(populate_by_name=True)
    id: Text | None = None
    schema_: Annotated[str, Field(alias="schema", max_length=40), AfterValidator(_clean)]
    properties: dict[Annotated[str, Field(max_length=60), AfterValidator(_clean)],
                     Annotated[list[Text], Field(max_length=50)]] = Field(default_factory=dict, max_length=60)

    @field_validator("properties", mode="before")
    @classmethod
    def _listify(cls, v: Any) -> Any:
        """yente accepts a single string where a list is expected; so do we."""
        if isinstance(v, dict):
            return {k: ([x] if isinstance(x, str | int | float) else x) for k, x in v.items()}
        return v

    @field_validator("properties", mode="after")
    @classmethod
    def _stringify(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        return {k: [str(x) for x in xs] for k, xs in v.items()}


class EntityMatchQuery(BaseModel):
    weights: dict[Annotated[str, Field(max_length=60)], float] = Field(default_factory=dict, max_length=50)
    config: dict[Annotated[str, Field(max_length=60)], Any] = Field(default_factory=dict, max_length=50)
    queries: dict[Annotated[str, Field(max_length=200), AfterValidator(_clean)], EntityExample] = Field(
        ..., min_length=1, max_length=100)


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class ScoredEntity(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str]
    referents: list[str] = Field(default_factory=list)
    target: bool = True
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None
    score: float
    match: bool
    features: dict[str, float]
    explanations: dict[str, dict[str, Any]]


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntity]
    total: TotalSpec
    query: dict[str, Any]


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, Any]
    limit: int
    screening_id: int | None = None
    case_id: int | None = None


class ShipmentBatch(BaseModel):
    shipments: list[dict[str, Any]] = Field(..., min_length=1, max_length=100)


class DecisionIn(BaseModel):
    disposition: Literal["true_positive", "false_positive"]
    reason: LongText = Field(..., min_length=1)


class CloseIn(BaseModel):
    resolution: LongText = ""


class KeyIn(BaseModel):
    role: Literal["service", "analyst", "admin"]
    label: Annotated[str, Field(max_length=200), AfterValidator(_clean)] = ""
