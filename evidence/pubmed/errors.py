"""The typed errors the PubMed layer raises when NCBI cannot answer."""


class PubMedUnavailable(Exception):
    """E-utilities did not give a usable answer within the allowed attempts and time.

    Raised instead of returning an empty result, so a caller never mistakes an outage
    for "no evidence" and keeps its previous citations and grade.
    """


class SearchTooBroad(PubMedUnavailable):
    """More records than PubMed hands out (9,999) share one entrez date, so splitting by date cannot help.

    A PubMedUnavailable, so callers keep the previous grade; it does not count towards the circuit breaker.
    """
