/// A coded error kept as data: its code, kind and message in every language, so it can be stored and answered again.
public struct Refusal: CodedError, Equatable {
    public var code: String
    public var kind: ErrorKind
    public var message: LocalizedMessage

    public init(code: String, kind: ErrorKind, message: LocalizedMessage) {
        self.code = code
        self.kind = kind
        self.message = message
    }

    /// Keeps what `error` says.
    public init(_ error: any CodedError) {
        self.init(code: error.code, kind: error.kind, message: error.message)
    }
}
