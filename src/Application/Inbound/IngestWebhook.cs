using Mediator;
using Microsoft.Extensions.Logging;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Inbound;

/// <summary>What one change of a webhook carries for one phone number.</summary>
public sealed record InboundChange(string PhoneNumberId, IReadOnlyList<InboundMessage> Messages, IReadOnlyList<StatusUpdate> Statuses)
{
    /// <summary>Customers who stopped or resumed a category of messages inside WhatsApp (user_preferences).</summary>
    public IReadOnlyList<CustomerPreference> Preferences { get; init; } = [];
}

/// <summary>A customer's <c>user_preferences</c> report: <see cref="Value"/> is stop or resume for <see cref="Category"/>.</summary>
public sealed record CustomerPreference(CustomerIdentity Customer, string Category, string Value, string? Detail, DateTimeOffset At);

public sealed record IngestResult(int Stored, int Duplicates, int StatusesApplied, IReadOnlyList<string> UnknownPhoneNumberIds);

/// <summary>
/// Stores a verified webhook: per tenant and in one transaction each, every new message and status into its
/// conversation, and the raw body (technical data) with the first of them. Answering only after this returns is what
/// lets Meta's retries be safe: nothing is acknowledged before it is committed.
/// </summary>
public sealed record IngestWebhook(RawWebhook Raw, IReadOnlyList<InboundChange> Changes) : ICommand<IngestResult>
{
    public override string ToString() => $"IngestWebhook {{ Raw = {Raw.Id}, Changes = {Changes.Count} }}";
}

public sealed partial class IngestWebhookHandler(
    Marten.IDocumentStore store,
    IPhoneNumberDirectory directory,
    TenantIngest tenantIngest,
    ILogger<IngestWebhookHandler> logger) : ICommandHandler<IngestWebhook, IngestResult>
{
    public async ValueTask<IngestResult> Handle(IngestWebhook command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var routes = await directory.FindAsync([.. command.Changes.Select(c => c.PhoneNumberId).Distinct()], cancellationToken);
        var unknown = command.Changes.Select(c => c.PhoneNumberId).Where(id => !routes.ContainsKey(id)).Distinct().ToList();
        foreach (var phoneNumberId in unknown)
        {
            LogUnknownNumber(phoneNumberId, command.Raw.Id);
        }

        var stored = 0;
        var duplicates = 0;
        var statuses = 0;
        var raw = command.Raw;
        foreach (var tenant in command.Changes.Where(c => routes.ContainsKey(c.PhoneNumberId)).GroupBy(c => routes[c.PhoneNumberId].TenantId))
        {
            // The raw body rides along with the first tenant's transaction: one commit for most webhooks.
            var result = await tenantIngest.RunAsync(tenant.Key, [.. tenant], raw, cancellationToken);
            raw = null;
            stored += result.Stored;
            duplicates += result.Duplicates;
            statuses += result.StatusesApplied;
        }

        if (raw is not null)
        {
            await using var session = store.LightweightSession();
            session.Store(raw);
            await session.SaveChangesAsync(cancellationToken);
        }

        return new IngestResult(stored, duplicates, statuses, unknown);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {RawWebhookId} names phone_number_id {PhoneNumberId}, which no tenant has registered; acknowledged and ignored")]
    private partial void LogUnknownNumber(string phoneNumberId, Guid rawWebhookId);
}
