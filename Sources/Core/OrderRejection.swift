/// Why an order was rejected, kept as what it is rather than as text, so that it reads in the language each request
/// asks for.
public enum OrderRejection: CodedError, Equatable {
    /// The order's own reason.
    case refused(TradeRejection)
    /// The order would have filled, but leg `leg` of the same signal was refused: a signal fills whole or not at all.
    case otherLegRefused(leg: Int, TradeRejection)
    /// A reason stored by a version that kept its code and English text only.
    case recorded(code: String, english: String)

    public var code: String {
        switch self {
        case .refused(let rejection), .otherLegRefused(_, let rejection): rejection.code
        case .recorded(let code, _): code
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .refused(let rejection), .otherLegRefused(_, let rejection): rejection.kind
        case .recorded: .tradeRefused
        }
    }

    public var message: LocalizedMessage {
        switch self {
        case .refused(let rejection): rejection.message
        case .otherLegRefused(let leg, let rejection):
            LocalizedMessage(
                english: "Not executed: leg \(leg) of the signal was refused (\(rejection.message.english)), and a signal fills whole or not at all",
                chinese: "未执行: 该信号的第 \(leg) 腿被拒绝 (\(rejection.message.chinese)), 信号要么全部成交, 要么全部不成交"
            )
        case .recorded(_, let english): LocalizedMessage(english: english, chinese: english)
        }
    }
}
