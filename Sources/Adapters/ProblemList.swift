/// The problems found while loading a rules file, collected so that one run reports them all.
///
/// A reference type so that every reader, however nested, adds to the same list. It lives only
/// during one load, on one thread.
final class ProblemList {
    private(set) var errors: [RulesError] = []

    func add(_ error: RulesError) {
        if !errors.contains(error) { errors.append(error) }
    }

    /// The value `work` returns, or nil after recording the error it threw.
    func collect<T>(_ work: () throws(RulesError) -> T) -> T? {
        do {
            return try work()
        } catch {
            add(error)
            return nil
        }
    }
}
