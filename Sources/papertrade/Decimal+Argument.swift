import ArgumentParser
import Core
import Foundation

extension Decimal: @retroactive ExpressibleByArgument {
    /// Strict decimal text only: `100000`, `0.015`; never a float conversion.
    public init?(argument: String) {
        self.init(exactly: argument)
    }
}
