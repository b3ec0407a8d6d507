//! Scoring cross-document linking against a gold of identities.
