/// An adapter made ready for normalizing, once, when the rules load: its field rules in a slot per field and their
/// paths split into keys. A payload then neither hashes a field, nor splits a path, nor copies a rule.
final class AdapterPlan: Sendable {
    let adapter: Adapter
    /// By the field's place; a field the adapter does not name has a rule that reads nothing, except the token,
    /// which is looked for at `token`.
    private let fields: [FieldPlan]

    init(_ adapter: Adapter) {
        self.adapter = adapter
        self.fields = TargetField.allCases.map { field in
            FieldPlan(adapter.fields[field] ?? FieldRule(aliases: field == .token ? ["token"] : [], isRequired: false))
        }
    }

    subscript(field: TargetField) -> FieldPlan { fields[field.place] }
}

/// A field rule with its paths made ready.
final class FieldPlan: Sendable {
    let rule: FieldRule
    /// `rule.aliases`, in order.
    let paths: [Document.Path]

    init(_ rule: FieldRule) {
        self.rule = rule
        self.paths = rule.aliases.map(Document.Path.init)
    }
}
