/// The orders one signal makes on an account: none when there is nothing to do, one, or two when it crosses zero.
public struct Plan: Sendable, Equatable {
    /// Each order as a plain buy or sell in units, in the order they execute.
    public var legs: [Signal]
    /// Why there is nothing to do, when `legs` is empty: already at the target, no position to exit.
    public var noAction: LocalizedMessage?

    public init(legs: [Signal], noAction: LocalizedMessage? = nil) {
        self.legs = legs
        self.noAction = noAction
    }
}
