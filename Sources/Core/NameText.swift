/// The rule every name obeys (user, account, symbol and adapter names, ids): it is text a person reads, so it holds
/// no character that is not shown or that changes how the text around it is shown. A control character (NUL among
/// them, which C APIs take for the end), a bidi control (U+202A–U+202E, U+2066–U+2069, the marks) or another
/// invisible format character (zero-width spaces and joiners, U+FEFF, the soft hyphen), or a line or paragraph
/// separator could make `\u{202E}evil` display as "live", or two names look the same.
public enum NameText {
    /// Why `text` cannot be a name, nil when it can: the first such character, by its code point.
    public static func problem(in text: some StringProtocol) -> LocalizedMessage? {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        guard let scalar = text.unicodeScalars.first(where: isHidden) else { return nil }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let point = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar.properties.generalCategory {
        case .control:
            return LocalizedMessage(english: "contains the control character \(point)", chinese: "包含控制字符 \(point)")
        case .format where isBidiControl(scalar):
            return LocalizedMessage(
                english: "contains \(point), a bidi control that changes how the text around it is shown",
                chinese: "包含 \(point), 这是会改变周围文字显示顺序的双向控制字符"
            )
        default:
            return LocalizedMessage(english: "contains \(point), an invisible character", chinese: "包含不可见字符 \(point)")
        }
    }

    /// Whether a scalar is one a name may not hold.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
