"""The checks that turn one shipment into findings before the red-flag rules run: parties
and vessels against the lists, goods against the control lists, destination and route
against the jurisdiction tables.  Each module has one job and returns ``Finding`` objects."""
