/// A value read back from storage that the ledger cannot take as it is (a corrupt row, or one a newer version
/// wrote): an error that names the row and the column, never a guess.
public struct StoredValueError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    /// The value of `Value` that `raw`, stored in `column` of order `id`, names.
    /// - throws: `StoredValueError` when it names none.
    public static func decode<Value: RawRepresentable>(
        _ raw: String,
        as _: Value.Type,
        column: String,
        order id: Int64
    ) throws(StoredValueError) -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else {
            throw StoredValueError("order \(id): column \(column) holds '\(raw)', which this version does not know")
        }
        return value
    }
}
