using Mediator;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Templates;
using PesanAI.Domain.Common;
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

public sealed record IngestResult(int Stored, int Duplicates, int StatusesApplied, IReadOnlyList<string> UnknownPhoneNumberIds)
{
    /// <summary>Items that could not be stored for a permanent reason; kept in a <see cref="ParkedWebhook"/>.</summary>
    public IReadOnlyList<ParkedItem> Parked { get; init; } = [];
}

/// <summary>
/// The routes a verified webhook writes through, looked up once, when its signature was checked.
/// <see cref="ByPhoneNumber"/>: the numbers whose tenant's app secret signed the body (every registered number it names
/// when the platform's secret did). <see cref="ByWaba"/>: the registered numbers of the WhatsApp Business Accounts whose
/// template statuses it carries, of those same tenants only.
/// </summary>
public sealed record WebhookRoutes(IReadOnlyDictionary<string, PhoneNumberRoute> ByPhoneNumber, IReadOnlyList<PhoneNumberRoute> ByWaba)
{
    /// <summary>The platform's secret signed the body: it covers every number, also those nobody registered (logged, ignored).</summary>
    public bool SignedByPlatform { get; init; }
}

/// <summary>
/// Stores a verified webhook: per tenant and in one transaction each, every new message and status into its
/// conversation, and the raw body (technical data) with the first of them. Answering only after this returns is what
/// lets Meta's retries be safe: nothing is acknowledged before it is committed. What PostgreSQL refuses for good (not
/// for a transient reason) is parked (<see cref="ParkedWebhook"/>) and the rest stored; transient failures propagate.
/// <see cref="Changes"/> may name a number without a route only when the platform's secret signed the body: such a
/// change is logged and ignored.
/// </summary>
public sealed record IngestWebhook(RawWebhook Raw, WebhookRoutes Routes, IReadOnlyList<InboundChange> Changes) : ICommand<IngestResult>
{
    public IReadOnlyList<TemplateStatusReport> TemplateStatuses { get; init; } = [];

    public override string ToString() => $"IngestWebhook {{ Raw = {Raw.Id}, Changes = {Changes.Count} }}";
}

public sealed partial class IngestWebhookHandler(
    Marten.IDocumentStore store,
    TenantIngest tenantIngest,
    TimeProvider clock,
    Common.ITransactionLocks locks,
    ILogger<IngestWebhookHandler> logger) : ICommandHandler<IngestWebhook, IngestResult>
{
    public async ValueTask<IngestResult> Handle(IngestWebhook command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        IngestResult result;
        try
        {
            result = await IngestAsync(command, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !StoreFailures.IsRetryable(ex))
        {
            // Not one item but the webhook failed for good (its raw body, its template statuses, a bug): parked whole.
            // What committed before stays; a re-run adds nothing twice.
            result = new IngestResult(0, 0, 0, []) { Parked = [new ParkedItem(null, null, "webhook", null, StoreFailures.Reason(ex))] };
        }

        if (result.Parked.Count > 0)
        {
            var parked = new ParkedWebhook(Guid.CreateVersion7(), command.Raw.Id, clock.GetUtcNow(), result.Parked, command.Raw.Body);
            await using var session = store.LightweightSession();
            session.Store(parked);
            await session.SaveChangesAsync(cancellationToken);
            LogParked(command.Raw.Id, result.Parked.Count, parked.Id, string.Join(", ", result.Parked.Select(p => p.Reason).Distinct()));
        }

        return result;
    }

    private async Task<IngestResult> IngestAsync(IngestWebhook command, CancellationToken cancellationToken)
    {
        var routes = command.Routes.ByPhoneNumber;
        var unknown = command.Changes.Select(c => c.PhoneNumberId).Where(id => !routes.ContainsKey(id)).Distinct().ToList();
        foreach (var phoneNumberId in unknown)
        {
            LogUnknownNumber(phoneNumberId, command.Raw.Id);
        }

        var total = new IngestResult(0, 0, 0, unknown);
        var raw = command.Raw;
        foreach (var tenant in command.Changes.Where(c => routes.ContainsKey(c.PhoneNumberId)).GroupBy(c => routes[c.PhoneNumberId].TenantId))
        {
            // The raw body rides along with the first tenant's transaction: one commit for most webhooks.
            var route = routes[tenant.First().PhoneNumberId];
            var result = await tenantIngest.RunAsync(tenant.Key, [.. tenant], raw, new TenantIntake(route.Keywords, route.TenantActive), cancellationToken);
            raw = null;
            total = total with
            {
                Stored = total.Stored + result.Stored,
                Duplicates = total.Duplicates + result.Duplicates,
                StatusesApplied = total.StatusesApplied + result.StatusesApplied,
                Parked = [.. total.Parked, .. result.Parked],
            };
        }

        if (raw is not null)
        {
            await using var session = store.LightweightSession();
            session.Store(raw);
            await session.SaveChangesAsync(cancellationToken);
        }

        await StoreTemplateStatusesAsync(command.TemplateStatuses, command.Routes.ByWaba, cancellationToken);
        return total;
    }

    /// <summary>Kept per tenant (the WABA's) for the templates feature; the id derives from the report, so redeliveries store nothing new.</summary>
    private async Task StoreTemplateStatusesAsync(IReadOnlyList<TemplateStatusReport> reports, IReadOnlyList<PhoneNumberRoute> wabaRoutes, CancellationToken cancellationToken)
    {
        foreach (var tenant in wabaRoutes.GroupBy(r => r.TenantId))
        {
            var wabas = tenant.Select(r => r.WabaId).ToHashSet(StringComparer.Ordinal);
            var ofTenant = reports.Where(r => wabas.Contains(r.WabaId)).ToList();
            if (ofTenant.Count == 0)
            {
                continue;
            }

            await using var session = store.LightweightSession(tenant.Key.ToString());
            foreach (var report in ofTenant)
            {
                session.Store(new TemplateStatusRecord(
                    NameBasedGuid.From($"pesanai:template-status:{tenant.Key:D}:{report.WabaId}:{report.TemplateId}:{report.Name}:{report.Language}:{report.Event}:{report.Reason}"),
                    report) { ReceivedAt = clock.GetUtcNow() });
            }

            await Templates.TemplateStatusSync.ApplyAsync(session, locks, ofTenant, clock.GetUtcNow(), cancellationToken);
            await session.SaveChangesAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {RawWebhookId}: {Count} item(s) could not be stored ({Reasons}); acknowledged and parked as {ParkedWebhookId}")]
    private partial void LogParked(Guid rawWebhookId, int count, Guid parkedWebhookId, string reasons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {RawWebhookId} names phone_number_id {PhoneNumberId}, which no tenant has registered; acknowledged and ignored")]
    private partial void LogUnknownNumber(string phoneNumberId, Guid rawWebhookId);
}
