import Core

/// Someone who may sign in to the web app or use an API token.
public struct User: Sendable, Equatable {
    /// The login name: 1 to 64 characters without spaces or control characters.
    public var name: String
    public var role: Role

    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }

    /// Why `name` cannot be a login name, nil when it can.
    public static func problem(withName name: String) -> String? {
        guard !name.isEmpty, name.count <= 64 else { return "a user name must be 1 to 64 characters" }
        if let problem = NameText.problem(in: name) { return "a user name " + problem.english }
        guard !name.unicodeScalars.contains(where: \.properties.isWhitespace) else { return "a user name must not contain spaces" }
        return nil
    }
}

/// What a user may do.
public enum Role: String, Sendable, CaseIterable {
    /// Reads everything, places manual orders, creates accounts and switches the current account.
    case admin
    /// Reads everything, changes nothing.
    case viewer
}
