"""Merchants (商户): the register of shops with their shop-front duties (门前三包),
self-governance groups (商户自治联盟), inspections and ratings, the model-merchant
campaigns (最美商户) the bureau runs, and the red and black ranking (红黑榜).
Residents' nominations and votes live in participation/campaigns/."""
