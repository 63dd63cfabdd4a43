/// The evidence files live in their own module, shared with the PostgreSQL store; code that
/// imports KefuStore keeps seeing them as before.
@_exported import KefuEvidenceFiles
