import Foundation
import KefuCore
import PostgresNIO

/// A bound parameter. The store's SQL is written with `$1, $2, …` like SQLite's `?`, and the
/// values given as a list, so queries read the same in both backends.
enum PostgresValue: Sendable {
    case int(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)
    /// A bigint[] for `= ANY($n)`: one query for a whole list instead of one per element.
    case ints([Int64])
    /// A double precision[] (the key stretches of a claim).
    case doubles([Double])
    /// A text[] (customer keys looked up together).
    case texts([String])
    case null

    static func of(_ value: Int64?) -> PostgresValue { value.map(PostgresValue.int) ?? .null }
    static func of(_ value: Int?) -> PostgresValue { value.map { .int(Int64($0)) } ?? .null }
    static func of(_ value: Double?) -> PostgresValue { value.map(PostgresValue.double) ?? .null }
    static func of(_ value: String?) -> PostgresValue { value.map(PostgresValue.text) ?? .null }
    static func of(_ value: Date?) -> PostgresValue { value.map { .double($0.timeIntervalSince1970) } ?? .null }
}

extension PostgresValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    init(integerLiteral value: Int64) { self = .int(value) }
    init(stringLiteral value: String) { self = .text(value) }
    init(floatLiteral value: Double) { self = .double(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(nilLiteral: ()) { self = .null }
}

extension PostgresBindings {
    init(_ values: [PostgresValue]) {
        self.init(capacity: values.count)
        for value in values {
            switch value {
            case .int(let v): append(v)
            case .double(let v): append(v)
            case .text(let v): append(v)
            case .bool(let v): append(v)
            case .ints(let v): append(v)
            case .doubles(let v): append(v)
            case .texts(let v): append(v)
            case .null: appendNull()
            }
        }
    }
}

/// A result row read by position, with the conversions the store needs. A column whose type
/// does not match is a bug in Kefu's SQL, reported with the column's position.
struct PostgresResultRow {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    func int(_ index: Int) throws -> Int64 { try row[index].decode(Int64.self) }
    func optionalInt(_ index: Int) throws -> Int64? { try row[index].decode(Int64?.self) }
    func double(_ index: Int) throws -> Double { try row[index].decode(Double.self) }
    func optionalDouble(_ index: Int) throws -> Double? { try row[index].decode(Double?.self) }
    func string(_ index: Int) throws -> String { try row[index].decode(String.self) }
    func optionalString(_ index: Int) throws -> String? { try row[index].decode(String?.self) }
    func bool(_ index: Int) throws -> Bool { try row[index].decode(Bool.self) }
    func date(_ index: Int) throws -> Date { Date(timeIntervalSince1970: try double(index)) }
    func optionalDate(_ index: Int) throws -> Date? { try optionalDouble(index).map(Date.init(timeIntervalSince1970:)) }
}
