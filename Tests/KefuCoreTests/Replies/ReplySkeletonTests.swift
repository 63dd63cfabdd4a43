import Testing
@testable import KefuCore

/// A template put into a reply that already has text: one greeting, one signature, the body at
/// the cursor (issue 18, item 3: the reply that went out began with the tracking block, twice,
/// above the greeting).
@Suite struct ReplySkeletonTests {
    let template = "Dear Ann,\n\nThank you, your parcel is on its way.\n\nKind regards,\nLi Wei\nSunny Home"
    let names = ["Li Wei", "Sunny Home"]

    @Test func aTemplateIntoTextKeepsTheTextBetweenItsGreetingAndSignature() {
        let merged = ReplySkeleton.merge(template: template, into: "Tracking: RB123456785GB", cursorLine: 0, signatureNames: names)
        #expect(merged.text == "Dear Ann,\n\nTracking: RB123456785GB\n\nThank you, your parcel is on its way.\n\nKind regards,\nLi Wei\nSunny Home")
        // The cursor ends after the body, above the closing.
        #expect(merged.line == 4 && merged.column == "Thank you, your parcel is on its way.".count)
    }

    @Test func theRepliesOwnGreetingAndSignatureAreReplacedNotStacked() {
        let current = "Hi Ann,\n\nI checked it.\n\nBest,\nLi Wei"
        let merged = ReplySkeleton.merge(template: template, into: current, cursorLine: 2, signatureNames: names)
        #expect(merged.text == "Dear Ann,\n\nI checked it.\n\nThank you, your parcel is on its way.\n\nKind regards,\nLi Wei\nSunny Home")
    }

    @Test func theLastTemplatesUnchangedBodyIsReplaced() {
        let first = ReplySkeleton.merge(template: template, into: "", cursorLine: 0, signatureNames: names)
        let other = "Dear Ann,\n\nThank you for confirming.\n\nKind regards,\nLi Wei\nSunny Home"
        let second = ReplySkeleton.merge(template: other, into: first.text, cursorLine: first.line, signatureNames: names, previousBody: first.body)
        #expect(second.text == other)
    }

    @Test func greetingAndClosingAreFoundInOtherScripts() {
        let ja = "佐藤 花子様\n\nありがとうございます。\n\nSunny Home\nLi Wei"
        #expect(ReplySkeleton.greetingLine(in: ja) == 0)
        #expect(ReplySkeleton.closingStart(in: ja, signatureNames: names) == 4)
        #expect(ReplySkeleton.greetingLine(in: "Thank you for your message.\nMore.") == nil)
    }
}
