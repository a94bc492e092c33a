"""Countries, regions, ports and vessels: where a party, leg or listing is."""
