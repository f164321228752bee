"""Residents' problem reports and suggestions (码上反映): the model, the rules of their
handling, the QR form and private tracking page, publication and statistics, and the
staff screens. The Open311 API for partners lives next door, in `participation/api/`."""
