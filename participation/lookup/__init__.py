"""查询进度: a resident who lost the private link of a report, an event
registration, a volunteer sign-up or an agenda proposal gets it again by text
message, from its reference code and the mobile number they gave.

Only hashes of private links are stored, so the link sent is a fresh one and the
earlier one stops working (the message and the page say so). The page answers the
same whether or not the pair matches, and the look-up itself runs in the task
queue, so neither the answer nor its timing tells whether a reference exists.
"""
