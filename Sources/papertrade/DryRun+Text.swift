import Adapters
import Core
import JSON
import Server

extension DryRun {
    /// The trace for people: adapter decisions, each field's journey, then the signal and the fill on `accountLabel`.
    func text(accountLabel: String) -> String {
        var lines: [String] = ["adapters:"]
        let width = normalization.decisions.map(\.adapter.count).max() ?? 0
        for decision in normalization.decisions {
            let name = decision.adapter.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(name)  \(decision.matched ? "yes" : "no ")  \(decision.reason)")
        }
        if !normalization.fields.isEmpty { lines.append("fields (adapter '\(normalization.adapter ?? "")'):") }
        for trace in normalization.fields {
            var line = "  " + trace.field.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            switch trace.source {
            case .alias(let alias): line += "from '\(alias)'"
            case .template(let template): line += "template \(JSON.string(template).serialized)"
            case .constant: line += "const"
            case .defaultValue: line += "default"
            case .missing: line += "missing"
            }
            if let raw = trace.raw { line += " \(raw.serialized)" }
            for step in trace.steps { line += " → \(step.name) → \(JSON.string(step.after).serialized)" }
            if let parsed = trace.parsed { line += " ⇒ \(parsed.text)" }
            lines.append(line)
        }
        switch normalization.outcome {
        case .success(let signal):
            let account = signal.account ?? accountName
            lines.append("signal: \(signal.summary), account '\(account)'")
        case .failure(let error):
            lines.append("error \(error.code): \(error.message.english)")
        }
        if normalization.signal != nil, account == nil {
            lines.append("account '\(accountName)' does not exist")
        }
        if let account, let quote {
            lines.append("fill on \(accountLabel) with cash \(account.cash):")
            switch quote {
            case .success(let quoted):
                if let noAction = quoted.plan.noAction { lines.append("  no action: \(noAction.english)") }
                for (index, fill) in quoted.fills.enumerated() {
                    let leg = quoted.fills.count > 1 ? "leg \(index + 1), \(fill.side.rawValue) " : ""
                    lines.append(
                        "  \(leg)\(fill.status.rawValue): \(fill.filledQuantity) of \(fill.requestedQuantity) at \(fill.executionPrice), "
                            + "value \(fill.value), slippage \(fill.slippage), commission \(fill.commission)"
                            + "\(fill.tax == 0 ? "" : ", tax \(fill.tax)"), total_cost \(fill.totalCost)"
                    )
                }
                if let working = quoted.working, working.status.isWorking {
                    lines.append(
                        "  rests as a \(working.spec.type.rawValue) order (\(working.spec.timeInForce.rawValue)): \(working.remaining) waiting for "
                            + "\(working.level)\(working.reserved > 0 ? ", holding back \(working.reserved)" : "")"
                    )
                } else if let working = quoted.working, working.status == .canceled {
                    lines.append("  \(working.spec.timeInForce.rawValue): what could not fill at once is cancelled")
                }
            case .failure(let rejection):
                lines.append("  rejected \(rejection.code): \(rejection.message.english)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
