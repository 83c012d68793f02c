import Ledger

/// Who is making a request to the web API, and how they proved it.
struct Caller: Sendable, Equatable {
    enum Credential: Sendable, Equatable {
        /// The session cookie a browser sends by itself: state changes must also prove they come from our page.
        case session(digest: String)
        /// An `Authorization: Bearer` token, which no other site can make a browser send.
        case token(digest: String)
        /// No one: a loopback server without users, open as before users existed.
        case anonymous
    }

    var user: User?
    var credential: Credential

    static let anonymous = Caller(user: nil, credential: .anonymous)
}
