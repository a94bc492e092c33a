"""The model round-trips through the plain dicts the compiled cache stores."""

import pytest
from pydantic import ValidationError

from uavscreen.model import BirthDate, Entity, Identifier, Name, NameKind, Shipment


def test_entity_round_trip() -> None:
    e = Entity(
        id="un_sc:IRe.001", schema="Company", source="un_sc",
        names=[Name("Qods Aviation Industries"), Name("قدس", NameKind.ORIGINAL_SCRIPT, "Arabic")],
        birth_dates=[BirthDate("1960-05")], identifiers=[Identifier("imo", "9187629")],
    )
    back = Entity.from_dict(e.to_dict())
    assert back == e
    assert back.native_id == "IRe.001"
    assert back.birth_dates[0].precision == "month"
    assert back.caption == "Qods Aviation Industries"


def test_shipment_country_validated() -> None:
    s = Shipment.model_validate({"id": "X", "parties": [{"role": "buyer", "name": "A", "country": "ae"}],
                                 "route": [{"from": "AEJEA", "to": "IRBND"}]})
    assert s.parties[0].country == "AE"
    assert s.route[0].from_ == "AEJEA"
    with pytest.raises(ValidationError, match="ISO 3166"):
        Shipment.model_validate({"id": "X", "parties": [{"role": "buyer", "country": "Iran"}]})
