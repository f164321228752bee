"""Residents' part in model-merchant campaigns (最美商户): nominations, the shortlist
staff draw from them, and the votes (one per phone number, confirmed by a text
message code). The campaigns themselves are the bureau's (notices/merchants/)."""
