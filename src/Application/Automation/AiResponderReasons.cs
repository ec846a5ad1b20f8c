namespace PesanAI.Application.Automation;

/// <summary>
/// The reasons an <see cref="IAiResponder"/> gives besides the embedded responder's own
/// (<see cref="Domain.Knowledge.ReplyReasons"/>: MATCHED, HANDOFF_KEYWORD, NO_MATCH, ...). A fallback answer carries
/// the reason of the fallback; its provider says who decided in the end.
/// </summary>
public static class AiResponderReasons
{
    /// <summary>The external model wrote the reply from the retrieved entries.</summary>
    public const string Generated = "GENERATED";

    /// <summary>The external model answered with the hand-off marker.</summary>
    public const string ModelHandOff = "MODEL_HANDOFF";

    /// <summary>An external provider is configured but customer text may not leave the platform.</summary>
    public const string ExternalNotAllowed = "EXTERNAL_NOT_ALLOWED";

    /// <summary>The external call failed: an error, a refused or unreachable endpoint, or the timeout.</summary>
    public const string ProviderFailed = "PROVIDER_FAILED";

    /// <summary>The reply is longer than the tenant's maximum (or the model was cut off at its output limit).</summary>
    public const string ReplyTooLong = "REPLY_TOO_LONG";

    /// <summary>The external model answered nothing usable.</summary>
    public const string EmptyReply = "EMPTY_REPLY";
}
