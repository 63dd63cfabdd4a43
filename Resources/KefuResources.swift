import Foundation

/// The data files Kefu ships: reply templates, SLA policies and calendars, carriers, the demo recipe.
/// They live in the repository's top-level `Resources/` so they can be read and changed as plain
/// files; SwiftPM copies them next to the binary.
public enum KefuResources {
    /// The folder of shipped `*.tmpl` reply templates.
    public static var templatesFolder: URL {
        Bundle.module.url(forResource: "templates", withExtension: nil)!
    }

    /// The carrier table: tracking-number schemes, check rules, tracking-page URLs.
    public static var carriersFile: URL {
        Bundle.module.url(forResource: "carriers", withExtension: "json")!
    }

    /// The shipped SLA policies and business calendars.
    public static var slaFile: URL {
        Bundle.module.url(forResource: "sla", withExtension: "yaml")!
    }

    /// Names, products and message texts the demo store is made from.
    public static var demoRecipe: URL {
        Bundle.module.url(forResource: "demo", withExtension: "json")!
    }

    /// Labelled customer messages and reply passages the reply checks are measured on.
    public static var checksFolder: URL {
        Bundle.module.url(forResource: "checks", withExtension: nil)!
    }
}
