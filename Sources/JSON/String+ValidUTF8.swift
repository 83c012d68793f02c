extension String {
    /// The text of UTF-8 bytes, or nil when they are not valid UTF-8. ASCII, the common case, is checked by a plain
    /// scan: the standard library's generic validation instantiates type metadata on every call.
    public init?(validUTF8 bytes: some Collection<UInt8>) {
        let decoded: String?? = bytes.withContiguousStorageIfAvailable { buffer in
            buffer.allSatisfy { $0 < 0x80 } ? String(decoding: buffer, as: UTF8.self) : String(validating: buffer, as: UTF8.self)
        }
        guard let decoded = decoded ?? String(validating: bytes, as: UTF8.self) else { return nil }
        self = decoded
    }
}
