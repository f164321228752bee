"""Maps of the city: area boundaries (districts, subdistricts, communities), their
import, routing a point to the community whose boundary holds it, and the server-drawn
base map of an area (drawing.py)."""
