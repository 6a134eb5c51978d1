"""Claim extraction (pure): article text and a vocabulary in, normalized claims with their quotes out."""
from claims.extraction.candidates import Candidate, find_candidates
from claims.extraction.extractor import ExtractedAppearance, ExtractedClaim, claim_key, extract_claims
from claims.extraction.vocabulary import Term, Vocabulary

__all__ = [
    "Candidate", "ExtractedAppearance", "ExtractedClaim", "Term", "Vocabulary", "claim_key", "extract_claims",
    "find_candidates",
]
