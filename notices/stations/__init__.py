"""The station directory: districts, subdistricts and community stations, their staff,
hours, areas and wall posters, and the bulk import and export."""
