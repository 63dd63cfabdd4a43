import Testing
@testable import KefuCore

/// Detection against the shipped carrier table: what an agent sees for a number a buyer sent.
struct TrackingNumberDetectorTests {
    let detector: TrackingNumberDetector

    init() throws {
        detector = try ShippedCarrierTable.detector()
    }

    @Test(arguments: [
        ("RB123456785GB", "Royal Mail", "UPU S10", "https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB"),
        ("EF123456785US", "USPS", "UPU S10", "https://tools.usps.com/go/TrackConfirmAction?tLabels=EF123456785US"),
        ("CP908301669DE", "Deutsche Post", "UPU S10",
         "https://www.deutschepost.de/sendung/simpleQueryResult.html?form.sendungsnummer=CP908301669DE"),
        ("RR131860912FR", "La Poste / Colissimo", "UPU S10", "https://www.laposte.fr/outils/suivre-vos-envois?code=RR131860912FR"),
        ("EE390996032NL", "PostNL", "UPU S10", "https://jouw.postnl.nl/track-and-trace/EE390996032NL"),
        ("RA786579756CA", "Canada Post", "UPU S10",
         "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=RA786579756CA"),
        ("1Z5R89390357567127", "UPS", "UPS 1Z", "https://www.ups.com/track?tracknum=1Z5R89390357567127"),
        ("986578788855", "FedEx", "FedEx 12-digit", "https://www.fedex.com/fedextrack/?trknbr=986578788855"),
        ("041441760228964", "FedEx", "FedEx 15-digit", "https://www.fedex.com/fedextrack/?trknbr=041441760228964"),
        ("9611020987654312345672", "FedEx", "FedEx 22-digit (96)",
         "https://www.fedex.com/fedextrack/?trknbr=9611020987654312345672"),
        ("9400111206206406260787", "USPS", "USPS IMpb",
         "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111206206406260787"),
        ("71123456789123456787", "USPS", "USPS 20-digit",
         "https://tools.usps.com/go/TrackConfirmAction?tLabels=71123456789123456787"),
        ("3318810025", "DHL Express", "DHL Express 10-digit",
         "https://www.dhl.com/global-en/home/tracking.html?tracking-id=3318810025"),
        ("7104974650752913", "Canada Post", "Canada Post 16-digit",
         "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=7104974650752913"),
    ])
    func checkDigitSchemesAreRecognisedAndLinked(number: String, carrier: String, scheme: String, url: String) {
        let result = detector.detect(number)
        #expect(result.status == .valid)
        #expect(result.carrierName == carrier)
        #expect(result.scheme == scheme)
        #expect(result.trackingURL == url)
    }

    /// A typo keeps the number's shape, so the agent is told which scheme it looked like, and no
    /// link is offered. (S10 numbers here avoid the scheme's blind spot; see CheckRuleTests.)
    @Test(arguments: [
        ("CP908301669DE", 2..<11, "UPU S10"), ("RR131860912FR", 2..<11, "UPU S10"),
        ("1Z5R89390357567127", 2..<18, "UPS 1Z"), ("986578788855", 0..<12, "FedEx 12-digit"),
        ("041441760228964", 0..<15, "FedEx 15-digit"), ("9611020987654312345672", 7..<22, "FedEx 22-digit (96)"),
        ("9400111206206406260787", 2..<22, "USPS IMpb"), ("3318810025", 0..<10, "DHL Express 10-digit"),
        ("0073938000549297", 0..<16, "Canada Post 16-digit"),
    ])
    func oneChangedDigitIsInvalidAndNamesTheScheme(number: String, positions: Range<Int>, scheme: String) {
        for typo in oneDigitTypos(of: number, at: positions) {
            let result = detector.detect(typo)
            #expect(result.status == .invalid, "\(typo)")
            #expect(result.scheme == scheme, "\(typo)")
            #expect(result.trackingURL == nil, "\(typo)")
            #expect(result.reason.contains(scheme), "\(typo)")
        }
    }

    @Test func usps20TyposAreInvalid() {
        // Every typo of this number keeps its 7x start, so none is tried as IMpb (92-95).
        for typo in oneDigitTypos(of: "71123456789123456787", at: 0..<20) {
            let result = detector.detect(typo)
            #expect(result.status == .invalid, "\(typo)")
            #expect(result.carrierName == "USPS", "\(typo)")
        }
    }

    @Test func spacesDashesAndLowerCaseAreIgnored() {
        let result = detector.detect("  rb 123-456-785 gb ")
        #expect(result.status == .valid)
        #expect(result.number == "RB123456785GB")
        #expect(result.carrierName == "Royal Mail")
        #expect(result.trackingURL == "https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB")
        #expect(detector.detect("1z 5r8 939 0357 5671 27").carrierName == "UPS")
        #expect(detector.detect("9400 1112 0620 6406 2607 87").scheme == "USPS IMpb")
    }

    @Test(arguments: ["rb 123 456 785 gb", "RB-123-456-785-GB", "\tRB123456785GB\r\n", "RB\u{0B}123456785GB",
                      "ｒｂ１２３４５６７８５ｇｂ", "RB 123\u{2009}456\u{2011}785 GB"])
    func theFastAndTheUnicodePathsNormaliseAlike(raw: String) {
        #expect(detector.detect(raw).number == TrackingNumberNormalizer.normalize(raw))
        #expect(detector.detect(raw).number == "RB123456785GB")
    }

    @Test func fullWidthFormsAndTypographicSpacesAreFolded() {
        let result = detector.detect("ＲＢ１２３４５６７８５ＧＢ")
        #expect(result.number == "RB123456785GB")
        #expect(result.status == .valid)
        #expect(detector.detect("3318\u{00A0}8100\u{2013}25").status == .valid)
    }

    @Test func uspsWithRoutingPrefixIsValidAndLinksTheWholeNumber() {
        for number in ["420100019400111206206406260787", "4201000100019400111206206406260787",
                       "4201002334249200190132607600833457", "420 22153 9505 5110 6960 5048 6006 24"] {
            let result = detector.detect(number)
            #expect(result.status == .valid, "\(number)")
            #expect(result.scheme == "USPS IMpb", "\(number)")
            #expect(result.trackingURL?.hasPrefix("https://tools.usps.com/go/TrackConfirmAction?tLabels=420") == true)
        }
        let typo = detector.detect("420100019400111206206406260788")
        #expect(typo.status == .invalid)
        #expect(typo.scheme == "USPS IMpb")
    }

    @Test func s10FromAnOperatorWithoutItsOwnPageLinksTheUniversalTracker() {
        let result = detector.detect("LX526018152CN")
        #expect(result.status == .valid)
        #expect(result.carrierName == "China Post")
        #expect(result.trackingSiteName == "17TRACK")
        #expect(result.trackingURL == "https://t.17track.net/en#nums=LX526018152CN")
        #expect(result.reason == "the UPU S10 check digit is correct; letter-post item from CN")
    }

    @Test func s10FromACountryNotInTheTableIsStillChecked() {
        // ZA is not in the operator list: generic S10 entry. Serial 12345678 → check 5.
        #expect(detector.detect("RB123456785ZA").status == .valid)
        #expect(detector.detect("RB123456785ZA").carrierName == "Postal operator")
        #expect(detector.detect("RB123456786ZA").status == .invalid)
    }

    @Test(arguments: [
        ("YT1234567890123456", "YunExpress", "https://www.yuntrack.com/parcelTracking?id=YT1234567890123456"),
        ("TBA123456789012", "Amazon Logistics", "https://t.17track.net/en#nums=TBA123456789012"),
        ("TBM123456789012", "Amazon Logistics", "https://t.17track.net/en#nums=TBM123456789012"),
        ("LP00123456789012", "Cainiao", "https://global.cainiao.com/detail.htm?mailNoList=LP00123456789012"),
        ("4PX3001234567890CN", "4PX", "https://track.4px.com/#/result/0/4PX3001234567890CN"),
        ("UG123456789YP", "Yanwen", "https://track.yw56.com.cn/en/querydel?nums=UG123456789YP"),
        ("GM2951173225174494", "DHL eCommerce",
         "https://www.dhl.com/global-en/home/tracking.html?tracking-id=GM2951173225174494"),
    ])
    func patternOnlySchemesAreValidWhenTheShapeMatches(number: String, carrier: String, url: String) {
        let result = detector.detect(number)
        #expect(result.status == .valid)
        #expect(result.carrierName == carrier)
        #expect(result.check == .noCheckDigit)
        #expect(result.trackingURL == url)
    }

    @Test func unknownNumbersFallBackToTheUniversalTracker() {
        let result = detector.detect("ZX12345678")
        #expect(result.status == .unrecognised)
        #expect(result.carrierName == nil)
        #expect(result.trackingURL == "https://t.17track.net/en#nums=ZX12345678")
        #expect(ParcelLink(result) == ParcelLink(number: "ZX12345678", carrier: "17TRACK", url: result.trackingURL))
    }

    @Test func textThatCannotBeATrackingNumberGetsNoLink() {
        for text in ["", "   ", "n/a", "ORDER#12345678", String(repeating: "1", count: 65), "包裹 123456789"] {
            let result = detector.detect(text)
            #expect(result.status == .malformed, "\(text)")
            #expect(result.trackingURL == nil, "\(text)")
        }
    }

    @Test func aMistypedS10NumberIsNotRescuedByALooserPattern() {
        // CN + 11 alphanumerics is also a DHL eCommerce shape; the S10 check failed, so the number
        // is an S10 typo, not a DHL eCommerce parcel.
        #expect(detector.detect("CN123456785CN").status == .valid)
        #expect(detector.detect("CN123456785CN").carrierName == "China Post")
        let typo = detector.detect("CN123456784CN")
        #expect(typo.status == .invalid)
        #expect(typo.scheme == "UPU S10")
        #expect(typo.trackingURL == nil)
    }

    @Test func a20DigitIMpbNumberIsReportedAsIMpbNotAs20Digit() {
        let result = detector.detect("92001901755477000005")
        #expect(result.scheme == "USPS IMpb")
        #expect(result.status == .valid)
    }
}
