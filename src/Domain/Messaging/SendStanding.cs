namespace PesanAI.Domain.Messaging;

/// <summary>Who asked for a message: the tenant's applications, a team member, the AI, or PesanAI itself (confirmations).</summary>
public enum MessageOrigin
{
    Api = 1,
    Member = 2,
    Ai = 3,
    System = 4,
}

/// <summary>The customer's consent as the send rules read it (from the consent ledger).</summary>
public sealed record ConsentStanding(bool MarketingOptedIn, bool MarketingOptedOut, bool UtilityOptedOut, bool AutomationOptedOut)
{
    public static ConsentStanding None { get; } = new(false, false, false, false);
}

/// <summary>Whether the tenant's number may send now; <see cref="Reason"/> says why not.</summary>
public sealed record NumberStanding(bool CanSend, string? Reason = null)
{
    public static NumberStanding Usable { get; } = new(true);
}
