using PesanAI.Domain.Common;

namespace PesanAI.Application.Inbound;

/// <summary>
/// One row per (tenant, wamid) of every stored inbound message: its primary key is what makes a redelivered
/// message change nothing, also when two deliveries race (the database refuses the second insert).
/// </summary>
public sealed record InboundMessageKey(string Id, Guid ConversationId, DateTimeOffset StoredAt);

/// <summary>
/// Links one of Meta's names for a customer ("wa:&lt;wa_id&gt;" or "uid:&lt;business-scoped user id&gt;") to the
/// tenant's customer id, so a customer known by either name, or first by one and later by both, is one customer.
/// </summary>
public sealed record CustomerLink(string Id, Guid CustomerId);

/// <summary>Stable ids derived from names, so every node (and every redelivery) derives the same ones.</summary>
public static class StableIds
{
    public static Guid Customer(Guid tenantId, string link) => From($"pesanai:customer:{tenantId:D}:{link}");

    public static Guid Conversation(Guid tenantId, string phoneNumberId, Guid customerId) =>
        From($"pesanai:conversation:{tenantId:D}:{phoneNumberId}:{customerId:D}");

    public static string WaLink(string waId) => "wa:" + waId;

    public static string UserLink(string userId) => "uid:" + userId;

    private static Guid From(string name) => NameBasedGuid.From(name);
}

/// <summary>
/// A customer's stop/resume report from WhatsApp (<c>user_preferences</c>), kept per tenant for the consent
/// ledger. The id derives from what was reported, so a redelivery stores nothing new.
/// </summary>
public sealed record CustomerPreferenceRecord(
    Guid Id,
    Guid CustomerId,
    string PhoneNumberId,
    string Category,
    string Value,
    string? Detail,
    DateTimeOffset At,
    DateTimeOffset RecordedAt);

/// <summary>A template's status change as Meta reported it, kept per tenant until templates consume it.</summary>
public sealed record TemplateStatusRecord(Guid Id, TemplateStatusReport Report)
{
    public DateTimeOffset ReceivedAt { get; init; }
}
