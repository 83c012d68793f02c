import JSON

/// How an adapter fills one target field from a payload.
///
/// Order of evaluation: `const`, else the `template` when every path it reads is present, else the first present
/// alias in `aliases`, else `default`;
/// then `transforms` in order; then `map`; then the field's own parsing.
///
/// The normalizer reads a rule through its `FieldPlan`, which keeps each property apart: a property added here must
/// be added there.
public struct FieldRule: Sendable, Equatable {
    /// Source paths, dotted for nested objects; the first present and non-null one wins.
    public var aliases: [String] = []
    public var isRequired: Bool
    public var defaultValue: JSON?
    public var constant: JSON?
    /// Text joined from literals and paths; when a path it reads is missing, `aliases` and then `default` apply.
    public var template: Template?
    /// Value replacements keyed by `ValueMap.key(for:)`: trimmed, lowercased text or canonical numbers.
    public var map: ValueMap = ValueMap()
    public var transforms: [Transform] = []

    public init(
        aliases: [String] = [],
        isRequired: Bool,
        defaultValue: JSON? = nil,
        constant: JSON? = nil,
        template: Template? = nil,
        map: ValueMap = ValueMap(),
        transforms: [Transform] = []
    ) {
        self.aliases = aliases
        self.isRequired = isRequired
        self.defaultValue = defaultValue
        self.constant = constant
        self.template = template
        self.map = map
        self.transforms = transforms
    }
}
