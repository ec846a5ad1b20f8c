using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// A change's <c>contacts[]</c>, found by <c>wa_id</c> or business-scoped <c>user_id</c>. With usernames,
/// <c>wa_id</c> and <c>from</c> may be empty strings: empty means absent here.
/// </summary>
internal sealed class CustomerLookup
{
    private readonly Dictionary<string, ContactDto> _byWaId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContactDto> _byUserId = new(StringComparer.Ordinal);

    public void Add(ContactDto contact)
    {
        if (NullIfEmpty(contact.WaId) is { } waId)
        {
            _byWaId.TryAdd(waId, contact);
        }

        if (NullIfEmpty(contact.UserId) is { } userId)
        {
            _byUserId.TryAdd(userId, contact);
        }
    }

    /// <summary>The sender's own ids, completed from the contact that names them (by wa_id first).</summary>
    public (CustomerIdentity Identity, string? Username) Resolve(string? waId, string? userId)
    {
        waId = NullIfEmpty(waId);
        userId = NullIfEmpty(userId);
        ContactDto? contact = null;
        if (waId is not null)
        {
            _byWaId.TryGetValue(waId, out contact);
        }

        if (contact is null && userId is not null)
        {
            _byUserId.TryGetValue(userId, out contact);
        }

        var identity = new CustomerIdentity(
            waId ?? NullIfEmpty(contact?.WaId),
            userId ?? NullIfEmpty(contact?.UserId),
            contact?.Profile?.Name);
        return (identity, contact?.Profile?.Username);
    }

    public static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
