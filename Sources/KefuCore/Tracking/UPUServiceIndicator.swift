/// What the first letter of a UPU S10 number says about the item, for the reason line an agent
/// reads ("registered item from GB"). Letters not listed are national choices.
public enum UPUServiceIndicator {
    public static func describe(_ firstLetter: Character) -> String? {
        switch firstLetter {
        case "E": "EMS item"
        case "R": "registered item"
        case "C": "parcel"
        case "L", "U": "letter-post item"
        case "V": "insured item"
        case "H": "e-commerce parcel"
        default: nil
        }
    }
}
