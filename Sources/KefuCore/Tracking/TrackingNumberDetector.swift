/// Recognises the carrier and scheme of a tracking number from the number alone, and checks
/// its check digit.
///
/// Resolution order, for numbers that fit several schemes (a 20-digit number is USPS IMpb
/// shape and USPS 20-digit shape; `CN123456789CN`-like numbers fit both UPU S10 and DHL
/// eCommerce):
/// 1. Entries are tried by priority (lower first), then by their order in the table.
/// 2. The first entry whose pattern matches and whose check passes wins: the number is valid.
///    Pattern-only entries pass whenever their pattern matches.
/// 3. An entry whose pattern matches but whose check digit fails is remembered (the first such
///    one), and later check-digit entries are still tried; but once a check has failed, later
///    pattern-only entries are skipped: a mistyped S10 number must not become a "valid" DHL
///    eCommerce number just because that pattern is looser.
/// 4. If nothing passed, the remembered entry makes the number invalid ("looks like FedEx
///    12-digit, check digit wrong"); if no pattern matched at all, it is unrecognised and the
///    universal tracker is linked.
///
/// Built once per table; `detect` does no allocation beyond the result's number string, and
/// needs no regular expressions: patterns are indexed by the lengths they can match.
public struct TrackingNumberDetector: Sendable {
    public let table: CarrierTable
    /// For each normalised length 0...maximumLength: the indices of enabled entries that have a
    /// pattern of that length, in resolution order.
    private let candidatesByLength: [[Int]]

    public init(table: CarrierTable) {
        self.table = table
        var candidates = Array(repeating: [Int](), count: TrackingNumberNormalizer.maximumLength + 1)
        for (index, entry) in table.entries.enumerated() where entry.enabled {
            var lengths: Set<Int> = []
            for pattern in entry.patterns {
                lengths.formUnion(pattern.minimumLength...pattern.maximumLength)
            }
            for length in lengths.sorted() { candidates[length].append(index) }
        }
        candidatesByLength = candidates
    }

    /// The verdict on `raw` as pasted (spaces, dashes, lower case and full-width forms allowed).
    public func detect(_ raw: String) -> TrackingResult {
        var input = raw
        return input.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TrackingNumberNormalizer.maximumLength) { buffer in
                if let count = TrackingNumberNormalizer.normalizeASCII(utf8, into: buffer) {
                    return classify(UnsafeBufferPointer(rebasing: buffer[..<count]))
                }
                return detectSlowly(raw)
            }
        }
    }

    /// Non-ASCII or very long input: normalise through Unicode scalars, then classify.
    private func detectSlowly(_ raw: String) -> TrackingResult {
        let normalized = TrackingNumberNormalizer.normalize(raw)
        guard normalized.utf8.count <= TrackingNumberNormalizer.maximumLength else {
            return TrackingResult(
                number: normalized, status: .malformed, carrier: nil, check: .notApplicable, universal: table.universal)
        }
        var bytes = normalized
        return bytes.withUTF8 { classify($0) }
    }

    private func classify(_ number: UnsafeBufferPointer<UInt8>) -> TrackingResult {
        func result(_ status: TrackingStatus, _ index: Int?, _ check: CheckOutcome) -> TrackingResult {
            TrackingResult(
                number: String(decoding: number, as: UTF8.self), status: status,
                carrier: index.map { table.entries[$0] }, check: check, universal: table.universal)
        }
        guard number.count >= TrackingNumberNormalizer.minimumLength, number.allSatisfy({ ASCIIByteSet.lettersAndDigits.contains($0) }) else {
            return result(.malformed, nil, .notApplicable)
        }
        var firstFailure: (index: Int, check: CheckOutcome)?
        for index in candidatesByLength[number.count] {
            let entry = table.entries[index]
            if firstFailure != nil, entry.check == .none { continue }
            guard entry.patterns.contains(where: { $0.matches(number) }) else { continue }
            let check = entry.check.verify(number)
            switch check {
            case .passed, .noCheckDigit:
                return result(.valid, index, check)
            case .failed:
                if firstFailure == nil { firstFailure = (index, check) }
            case .notApplicable:
                continue
            }
        }
        if let firstFailure { return result(.invalid, firstFailure.index, firstFailure.check) }
        return result(.unrecognised, nil, .notApplicable)
    }
}
