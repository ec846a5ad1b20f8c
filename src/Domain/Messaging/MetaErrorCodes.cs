namespace PesanAI.Domain.Messaging;

/// <summary>
/// The error codes of Meta's Cloud API that PesanAI acts on (WHATSAPP.md): named once, so a rule reads
/// <c>MetaErrorCodes.PairRateLimit</c> rather than a bare 131056.
/// </summary>
public static class MetaErrorCodes
{
    /// <summary>The app's API call limit: back off.</summary>
    public const int AppCallLimit = 4;

    /// <summary>The number's access token expired or was revoked: nothing sends until a new token is registered.</summary>
    public const int AccessTokenRejected = 190;

    /// <summary>The number's throughput limit: back off and retry.</summary>
    public const int ThroughputLimit = 130429;

    /// <summary>Undeliverable (not on WhatsApp, old app, blocked): never retried.</summary>
    public const int Undeliverable = 131026;

    /// <summary>More than 24 hours since the customer's last message: only a template may be sent.</summary>
    public const int WindowClosed = 131047;

    /// <summary>The customer stopped marketing messages: never retried as marketing.</summary>
    public const int MarketingOptedOut = 131050;

    /// <summary>An unsupported message type.</summary>
    public const int UnsupportedMessageType = 131051;

    /// <summary>Too many messages to one customer (about one per 6 s): per-recipient backoff.</summary>
    public const int PairRateLimit = 131056;

    /// <summary>The WhatsApp Business Account's API call limit: back off.</summary>
    public const int WabaCallLimit = 80007;
}
