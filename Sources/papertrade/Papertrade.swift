import ArgumentParser

@main
struct Papertrade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Paper trading for webhook signals: TradingView alerts, quant models, any JSON.",
        subcommands: [CheckCommand.self, DryRunCommand.self]
    )
}
