"""The convenience map (便民地图): public toilets, rest stops, vending points and the
other places residents look for, each on its community's map and at its own address."""
