namespace PesanAI.Domain.Conversations;

/// <summary>
/// How Meta names a customer: the phone-based <see cref="WaId"/> and/or the business-scoped user id
/// (<see cref="UserId"/>); with usernames, <c>wa_id</c> may be empty. Either one identifies the customer.
/// </summary>
public sealed record CustomerIdentity(string? WaId, string? UserId, string? ProfileName = null)
{
    public bool IsKnown => !string.IsNullOrEmpty(WaId) || !string.IsNullOrEmpty(UserId);
}
