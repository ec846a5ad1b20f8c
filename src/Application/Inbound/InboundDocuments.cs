
namespace PesanAI.Application.Inbound;

/// <summary>
/// One row per (tenant, wamid) of every stored inbound message: its primary key is what makes a redelivered
/// message change nothing, also when two deliveries race (the database refuses the second insert).
/// </summary>
public sealed record InboundMessageKey(string Id, Guid ConversationId, DateTimeOffset StoredAt);

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
