import JSON

/// An adapter made ready for normalizing, once, when the rules load: its field rules in a slot per field and their
/// paths split into keys. A payload then neither hashes a field, nor splits a path, nor copies a rule.
final class AdapterPlan: Sendable {
    /// The parts of the adapter a payload reads, each kept apart so that reading one copies nothing else.
    let name: String
    let description: String?
    let format: BodyFormat
    let match: MatchCondition?
    /// Whether `match` looks at a path, so the body must be read before it is asked.
    let matchReadsPaths: Bool
    /// By the field's place; a field the adapter does not name has a rule that reads nothing, except the token,
    /// which is looked for at `token`.
    private let fields: [FieldPlan]

    init(_ adapter: Adapter) {
        self.name = adapter.name
        self.description = adapter.description
        self.format = adapter.format
        self.match = adapter.match
        self.matchReadsPaths = adapter.match?.readsPaths ?? false
        self.fields = TargetField.allCases.map { field in
            FieldPlan(adapter.fields[field] ?? FieldRule(aliases: field == .token ? ["token"] : [], isRequired: false))
        }
    }

    subscript(field: TargetField) -> FieldPlan { fields[field.place] }
}

/// A field rule with its paths made ready, and its parts kept apart so that reading one copies nothing else.
final class FieldPlan: Sendable {
    /// `FieldRule.aliases`, in order.
    let aliases: [String]
    /// `aliases` made ready.
    let paths: [Document.Path]
    let isRequired: Bool
    let constant: JSON?
    let template: Template?
    let defaultValue: JSON?
    let transforms: [Transform]
    /// Nil when the rule maps nothing.
    let map: ValueMap?

    init(_ rule: FieldRule) {
        self.aliases = rule.aliases
        self.paths = rule.aliases.map(Document.Path.init)
        self.isRequired = rule.isRequired
        self.constant = rule.constant
        self.template = rule.template
        self.defaultValue = rule.defaultValue
        self.transforms = rule.transforms
        self.map = rule.map.isEmpty ? nil : rule.map
    }
}
