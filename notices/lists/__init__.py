"""The duty list (职责清单) and the lenient-enforcement catalogue: their models, public
and admin views, published versions and what changed, and the XLSX import."""
