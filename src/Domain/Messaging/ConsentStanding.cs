using PesanAI.Domain.Consent;

namespace PesanAI.Domain.Messaging;

/// <summary>The customer's consent as the send rules read it (from the consent ledger).</summary>
public sealed record ConsentStanding(bool MarketingOptedIn, bool MarketingOptedOut, bool UtilityOptedOut, bool AutomationOptedOut)
{
    public static ConsentStanding None { get; } = new(false, false, false, false);

    public static ConsentStanding Of(ConsentRecord? consent) => new(
        ConsentRecord.Allows(consent, ConsentPurpose.Marketing),
        ConsentRecord.HasOptedOut(consent, ConsentPurpose.Marketing),
        ConsentRecord.HasOptedOut(consent, ConsentPurpose.Utility),
        ConsentRecord.HasOptedOut(consent, ConsentPurpose.Automation));
}
