import ArgumentParser

@main
struct Papertrade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Paper trading for webhook signals: TradingView alerts, quant models, any JSON.",
        subcommands: [ServeCommand.self, CheckCommand.self, DryRunCommand.self, AccountCommand.self, UserCommand.self, VerifyCommand.self]
    )
}
