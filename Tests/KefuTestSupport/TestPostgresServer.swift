@_exported import KefuScratchPostgres

/// The tests' PostgreSQL server (a scratch server on loopback; see `ScratchPostgresServer`).
public typealias TestPostgresServer = ScratchPostgresServer
public typealias TestPostgresError = ScratchPostgresError
