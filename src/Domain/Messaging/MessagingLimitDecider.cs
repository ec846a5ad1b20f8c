using PesanAI.Domain.Common;

namespace PesanAI.Domain.Messaging;

/// <summary>
/// Meta's messaging limit before a business-initiated send is queued: at most <c>limit</c> unique customers reached
/// outside a customer-service window in the rolling 24 hours (WHATSAPP.md section 5). A customer already reached in
/// those 24 hours is no new customer.
/// </summary>
public static class MessagingLimitDecider
{
    public const string LimitReached = "MESSAGING_LIMIT_REACHED";

    /// <param name="limit">Customers allowed; null: unlimited or not known (not enforced here; Meta still enforces).</param>
    /// <param name="reachedInWindow">Distinct customers reached outside the window in the last 24 hours (this one excluded).</param>
    /// <param name="alreadyReached">This customer is among them.</param>
    /// <param name="tier">The tier as Meta spells it, for the message.</param>
    public static void Admit(int? limit, int reachedInWindow, bool alreadyReached, string tier)
    {
        if (alreadyReached || limit is not { } max || reachedInWindow < max)
        {
            return;
        }

        throw new DomainException(
            LimitReached,
            $"The messaging limit ({tier}: {max:N0} customers outside the customer-service window per 24 hours) is reached; " +
            "the send would reach a new customer. Try again when earlier sends leave the 24-hour window.");
    }
}
