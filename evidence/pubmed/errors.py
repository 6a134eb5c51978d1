"""The one typed error the PubMed layer raises when NCBI cannot answer."""


class PubMedUnavailable(Exception):
    """E-utilities did not give a usable answer within the allowed attempts.

    Raised instead of returning an empty result, so a caller never mistakes an outage
    for "no evidence" and keeps its previous citations and grade.
    """
