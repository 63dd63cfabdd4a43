import Testing
@testable import KefuCore

/// Personal templates are saved generic (issue 18, item 5): what belongs to one customer goes
/// back to its field, and nothing else is touched.
@Suite struct TemplateGeneralizerTests {
    let context = TemplateContext(values: [
        "customer_name": "Ann Lee", "customer_first_name": "Ann", "order_id": "302-1234567-7654321",
        "tracking_number": "RB123456785GB", "carrier": "Royal Mail",
        "tracking_url": "https://t.17track.net/en#nums=RB123456785GB", "agent_name": "Li Wei", "store_name": "Sunny Home",
    ])

    @Test func namesNumbersAndTheSignatureBecomeFields() {
        let reply = "Dear Ann Lee,\n\nYour order 302-1234567-7654321 travels as RB123456785GB with Royal Mail: https://t.17track.net/en#nums=RB123456785GB\n\nThanks, Ann!\nLi Wei\nSunny Home"
        #expect(TemplateGeneralizer.generalize(reply, context: context) ==
            "Dear {customer_name},\n\nYour order {order_id} travels as {tracking_number} with {carrier}: {tracking_url}\n\nThanks, {customer_first_name}!\n{agent_name}\n{store_name}")
    }

    @Test func onlyWholeWordsAreReplaced() {
        #expect(TemplateGeneralizer.generalize("Our annual sale, Annie.", context: context) == "Our annual sale, Annie.")
        #expect(TemplateGeneralizer.generalize("{customer_name} stays", context: TemplateContext(values: ["customer_name": "customer_name"])) == "{customer_name} stays")
    }

    @Test func namesWithoutSpacesAreFoundInsideText() {
        let ja = TemplateContext(values: ["customer_name": "渡辺 健", "order_id": "114-1"])
        #expect(TemplateGeneralizer.generalize("渡辺 健様\nご注文114-1の件", context: ja) == "{customer_name}様\nご注文{order_id}の件")
    }
}
