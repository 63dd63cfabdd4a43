import Testing
import KefuConfig
import KefuCore

/// A malformed config is refused with the file, the line and the field at fault.
@Suite("Config errors name file, line and field")
struct ConfigErrorTests {
    @Test("A target that is not a duration")
    func badDuration() {
        let user = """
            sla:
              policies:
                - name: vip
                  layer: team
                  targets:
                    first_reply: 24x
            """
        #expect(configError(user) == #"kefu.yaml:6: sla.policies[0].targets.first_reply: "24x" is not a duration like 24h, 3bd or 30m"#)
    }

    @Test("An unknown top-level section, for the sections other parts of Kefu will add")
    func unknownSection() {
        let user = """
            sla:
              layers: [marketplace]

            keybindings:
              quit: q
            """
        #expect(configError(user) == "kefu.yaml:5: unknown section 'keybindings' (known: sla, mail, orders, evidence, team, safety, console, store, followups, customers, notify)")
    }

    @Test("A misspelt field is not silently ignored")
    func misspeltField() {
        let user = """
            sla:
              policies:
                - name: vip
                  layer: team
                  targets: {first_reply: 1bh}
                  pause_when: [on_hold]
                  calender: china-team
            """
        #expect(configError(user)?.hasPrefix("kefu.yaml:7: sla.policies[0].calender: unknown field 'calender'") == true)
    }

    @Test("A policy naming a calendar nobody defined, found after merging")
    func unknownCalendar() {
        let user = """
            sla:
              policies:
                - name: berlin-vip
                  layer: team
                  when: {segment: vip}
                  targets: {first_reply: 2bh}
                  calendar: berlin-office
            """
        #expect(configError(user) == "kefu.yaml:7: sla.policies[0].calendar: no calendar named 'berlin-office'")
    }

    @Test("A policy in a layer that does not exist")
    func unknownLayer() {
        let user = """
            sla:
              policies:
                - name: vip
                  layer: teams
                  targets: {first_reply: 2bh}
            """
        #expect(configError(user) == "kefu.yaml:4: sla.policies[0].layer: no layer named 'teams' (layers: marketplace, team)")
    }

    @Test("Calendars: a time zone that is not IANA, hours that end before they start, a bad weekday, a missing holiday list")
    func calendarErrors() {
        let zone = """
            sla:
              calendars:
                berlin-office:
                  time_zone: CET+1
                  hours: {mon-fri: ["09:00-17:00"]}
            """
        #expect(configError(zone) == #"kefu.yaml:4: sla.calendars.berlin-office.time_zone: "CET+1" is not an IANA time zone like Asia/Shanghai or Europe/Berlin"#)
        let hours = """
            sla:
              calendars:
                berlin-office:
                  time_zone: Europe/Berlin
                  hours:
                    mon-fri: ["09:00-12:00", "18:00-13:00"]
            """
        #expect(configError(hours) == #"kefu.yaml:6: sla.calendars.berlin-office.hours.mon-fri[1]: "18:00-13:00" is not a time range like 09:00-12:00"#)
        let weekday = """
            sla:
              calendars:
                berlin-office:
                  time_zone: Europe/Berlin
                  hours:
                    mon-fry: ["09:00-17:00"]
            """
        #expect(configError(weekday) == #"kefu.yaml:6: sla.calendars.berlin-office.hours.mon-fry: "mon-fry" is not a weekday or span like mon-fri"#)
        let holidays = """
            sla:
              calendars:
                berlin-office:
                  time_zone: Europe/Berlin
                  hours: {mon-fri: ["09:00-17:00"]}
                  holidays: [germany-2026]
            """
        #expect(configError(holidays)?.hasPrefix("kefu.yaml:6: sla.calendars.berlin-office.holidays[0]: no holiday list named 'germany-2026'") == true)
    }

    @Test("Broken YAML reports its line")
    func brokenYAML() {
        let user = """
            sla:
              policies:
                - name: vip
                  targets: {first_reply: 2bh
                  layer: team
            """
        let error = configError(user)
        #expect(error?.hasPrefix("kefu.yaml:") == true)
        #expect(error?.contains("not valid YAML") == true)
        #expect(error?.hasPrefix("kefu.yaml:1:") == false)
    }

    @Test("A config with one good change and one bad one is refused whole")
    func refusedWhole() {
        let user = """
            sla:
              policies:
                - name: amazon-messages
                  layer: marketplace
                  when: {marketplace: amazon}
                  targets: {first_reply: 12h}
                - name: vip
                  layer: team
                  targets: {first_reply: soon}
            """
        #expect(configError(user) == #"kefu.yaml:9: sla.policies[1].targets.first_reply: "soon" is not a duration like 24h, 3bd or 30m"#)
    }

    @Test("Errors in the shipped file name the shipped file")
    func shippedFileErrors() {
        #expect(throws: ConfigError(file: "sla.yaml", line: 2, message: "sla.layers: expected a list, found a mapping")) {
            try KefuConfiguration.parse(shipped: ("sla:\n  layers: {a: b}\n", "sla.yaml"), user: nil)
        }
    }

    @Test("A duplicated policy name and disabling a policy that does not exist")
    func names() {
        let twice = """
            sla:
              policies:
                - {name: vip, layer: team, targets: {first_reply: 2bh}}
                - {name: vip, layer: team, targets: {first_reply: 1bh}}
            """
        #expect(configError(twice) == "kefu.yaml:4: sla.policies[1].name: another policy is already named 'vip'")
        let disable = """
            sla:
              policies:
                - {name: team-first-anwser, disabled: true}
            """
        #expect(configError(disable) == "kefu.yaml:3: sla.policies[0]: no shipped policy is named 'team-first-anwser', so there is none to disable")
    }
}

/// The `evidence` section: size limit and public base URL.
@Suite("Evidence config section")
struct EvidenceConfigTests {
    @Test("Defaults, then sizes with units and a base URL")
    func values() throws {
        #expect(try configuration().evidence == EvidenceSettings())
        let given = try configuration(user: "evidence:\n  size_limit: 20MB\n  public_base_url: https://proof.example.com/ev/\n").evidence
        #expect(given.sizeLimit == 20 * 1024 * 1024)
        #expect(given.publicBaseURL == "https://proof.example.com/ev/")
        #expect(try configuration(user: "evidence:\n  size_limit: 1048576\n").evidence.sizeLimit == 1_048_576)
    }

    @Test("Bad values name the file, line and field")
    func errors() {
        #expect(configError("evidence:\n  size_limit: 0MB\n") == #"kefu.yaml:2: evidence.size_limit: "0MB" is not a size like 50MB, 500KB or 1GB"#)
        #expect(configError("evidence:\n  public_base_url: ftp://x\n")
            == #"kefu.yaml:2: evidence.public_base_url: "ftp://x" is not an http(s) address like https://proof.example.com/evidence/"#)
        #expect(configError("evidence:\n  limit: 5MB\n")?.hasPrefix("kefu.yaml:2: evidence.limit: unknown field 'limit'") == true)
    }
}
