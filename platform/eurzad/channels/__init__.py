"""ePUAP and e-Doręczenia connectors: documents residents send to the town are taken in,
verified, receipted (UPO) and handed to the handlers other apps register."""
