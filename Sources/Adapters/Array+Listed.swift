extension Array where Element == String {
    /// The items as a sentence lists them: `a, b or c` with `conjunction` "or"; one item alone, nothing for none.
    func listed(or conjunction: String) -> String {
        guard let last, count > 1 else { return first ?? "" }
        return dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
