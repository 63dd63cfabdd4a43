import Foundation
import KefuCore
import NIOSSL
import PostgresNIO

/// The TLS setting of a connection, from the URL's `sslmode` and `sslrootcert`, with libpq's
/// meaning: only the `verify-` modes check the server's certificate.
enum PostgresTLS {
    static func setting(for address: PostgresAddress) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch address.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer, .require:
            tls.certificateVerification = .none
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        if let path = address.sslRootCertificate {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
            } catch {
                throw PostgresStoreError(message: "cannot read the sslrootcert \(path) for \(address.host):\(address.port) (\(error)); give a PEM file of the CA certificate", sqlState: nil)
            }
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw PostgresStoreError(message: "cannot set up TLS for \(address.host):\(address.port): \(error)", sqlState: nil)
        }
        switch address.sslMode {
        case .allow, .prefer: return .prefer(context)
        default: return .require(context)
        }
    }
}
