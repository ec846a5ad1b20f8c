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

    /// <summary>Identities and wamids of items left out because their customer was erased (to redact from the raw body).</summary>
    public IReadOnlyList<string> Erased { get; init; } = [];
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
/// Turns a verified webhook (appended before its 200, see <see cref="IInboundQueue"/>) into events: per tenant and in
/// one transaction each, every new message and status into its conversation. What PostgreSQL refuses for good (not
/// for a transient reason) is parked (<see cref="ParkedWebhook"/>) and the rest stored; transient failures propagate
/// (the processor retries). Running it again changes nothing that a first run stored (the message keys, forward-only
/// statuses, ids derived from the reports). <see cref="Changes"/> may name a number without a route only when the
/// platform's secret signed the body: such a change is logged and ignored.
/// </summary>
public sealed record IngestWebhook(RawWebhook Raw, WebhookRoutes Routes, IReadOnlyList<InboundChange> Changes)
{
    public IReadOnlyList<TemplateStatusReport> TemplateStatuses { get; init; } = [];

    /// <summary>Number-health changes (quality, limit, account updates), routed like template statuses by their WABA.</summary>
    public IReadOnlyList<HealthReport> HealthReports { get; init; } = [];

    public override string ToString() => $"IngestWebhook {{ Raw = {Raw.Id}, Changes = {Changes.Count} }}";
}

/// <summary>
/// The ingest of verified webhooks without parking: each tenant's changes through <see cref="TenantIngest"/>, template
/// statuses into their records. <see cref="RunOrParkAsync"/> runs it for one webhook; the batch handler for
/// many merged into one (<see cref="Merge"/>), so that a burst of small webhooks costs one transaction per tenant.
/// </summary>
public sealed partial class InboundIngest(
    Marten.IDocumentStore store,
    TenantIngest tenantIngest,
    TimeProvider clock,
    Common.ITransactionLocks locks,
    NumberHealthIngest health,
    ILogger<InboundIngest> logger)
{
    /// <summary>Parts stored at once, each in its own transaction on its own connection.</summary>
    public const int MaxParallelParts = IngestParts.MaxParts;

    /// <summary>
    /// <see cref="RunAsync"/>, parking what PostgreSQL refuses for good: the items it returns, or the whole webhook when
    /// it fails for good as a whole (its template statuses, a bug). What committed before stays; a re-run adds nothing twice.
    /// </summary>
    public async Task<IngestResult> RunOrParkAsync(IngestWebhook command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        IngestResult result;
        try
        {
            result = await RunAsync(command, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !StoreFailures.IsRetryable(ex))
        {
            result = new IngestResult(0, 0, 0, []) { Parked = [new ParkedItem(null, null, "webhook", null, StoreFailures.Reason(ex))] };
        }

        if (result.Parked.Count > 0)
        {
            var parked = await ParkAsync(command.Raw, result.Parked, cancellationToken);
            LogParked(command.Raw.Id, result.Parked.Count, parked, string.Join(", ", result.Parked.Select(p => p.Reason).Distinct()));
        }

        return result;
    }

    /// <summary>Keeps a webhook's unstored items, with its body, for an operator to examine and replay.</summary>
    public async Task<Guid> ParkAsync(RawWebhook raw, IReadOnlyList<ParkedItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var parked = new ParkedWebhook(Guid.CreateVersion7(), raw.Id, clock.GetUtcNow(), items, System.Text.Encoding.UTF8.GetString(raw.Body));
        await using var session = store.LightweightSession();
        session.Store(parked);
        await session.SaveChangesAsync(cancellationToken);
        return parked.Id;
    }

    public async Task<IngestResult> RunAsync(IngestWebhook command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var routes = command.Routes.ByPhoneNumber;
        var unknown = command.Changes.Select(c => c.PhoneNumberId).Where(id => !routes.ContainsKey(id)).Distinct().ToList();
        foreach (var phoneNumberId in unknown)
        {
            LogUnknownNumber(phoneNumberId, command.Raw.Id);
        }

        // Every tenant's parts at once: parts share no customer (nor conversation, nor lock), so they never wait on
        // each other, and the processor's one claim at a time still keeps each customer's order.
        var parts = command.Changes.Where(c => routes.ContainsKey(c.PhoneNumberId))
            .GroupBy(c => routes[c.PhoneNumberId].TenantId)
            .SelectMany(tenant =>
            {
                var route = routes[tenant.First().PhoneNumberId];
                var intake = new TenantIntake(route.Keywords, route.TenantActive);
                return IngestParts.Split(tenant.Key, [.. tenant]).Select(part => (Tenant: tenant.Key, Part: part, Intake: intake));
            })
            .ToList();
        var results = new IngestResult[parts.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, parts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelParts, CancellationToken = cancellationToken },
            async (i, token) => results[i] = await tenantIngest.RunPartAsync(parts[i].Tenant, parts[i].Part, parts[i].Intake, token));
        var total = results.Aggregate(new IngestResult(0, 0, 0, unknown), TenantIngest.Add);

        await StoreTemplateStatusesAsync(command.TemplateStatuses, command.Routes.ByWaba, cancellationToken);
        await health.ApplyAsync(command.HealthReports, command.Routes.ByWaba, cancellationToken);
        return total;
    }

    /// <summary>
    /// Several webhooks as one, in arrival order: their changes one after the other (a tenant's in one transaction,
    /// split only by size), the routes of all. Routes are looked up per batch, so a number maps to one route in all.
    /// Each webhook brings in only what its own signers cover (its numbers' changes, every change when the platform's
    /// secret signed it; its tenants' WABAs' template statuses): another webhook's routes in the same batch never
    /// carry a change or status in that its signature did not.
    /// </summary>
    public static IngestWebhook Merge(IReadOnlyList<IngestWebhook> webhooks)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        if (webhooks.Count == 1)
        {
            return webhooks[0];
        }

        var byPhoneNumber = new Dictionary<string, PhoneNumberRoute>(StringComparer.Ordinal);
        foreach (var (key, route) in webhooks.SelectMany(w => w.Routes.ByPhoneNumber))
        {
            byPhoneNumber.TryAdd(key, route);
        }

        var routes = new WebhookRoutes(byPhoneNumber, [.. webhooks.SelectMany(w => w.Routes.ByWaba).DistinctBy(r => (r.PhoneNumberId, r.TenantId))])
        {
            SignedByPlatform = webhooks.Any(w => w.Routes.SignedByPlatform),
        };
        return new IngestWebhook(webhooks[0].Raw, routes, [.. webhooks.SelectMany(w => w.Changes.Where(c => w.Routes.SignedByPlatform || w.Routes.ByPhoneNumber.ContainsKey(c.PhoneNumberId)))])
        {
            TemplateStatuses = [.. webhooks.SelectMany(w => w.TemplateStatuses.Where(r => w.Routes.ByWaba.Any(route => route.WabaId == r.WabaId)))],
            HealthReports = [.. webhooks.SelectMany(w => w.HealthReports.Where(r => w.Routes.ByWaba.Any(route => route.WabaId == r.WabaId)))],
        };
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
                    NameBasedGuid.From($"pesanai:template-status:{tenant.Key:D}:{report.Fingerprint}"),
                    report) { ReceivedAt = clock.GetUtcNow() });
            }

            await Templates.TemplateStatusSync.ApplyAsync(session, locks, ofTenant, clock.GetUtcNow(), cancellationToken);
            await session.SaveChangesAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {RawWebhookId}: {Count} item(s) could not be stored ({Reasons}); parked as {ParkedWebhookId}")]
    private partial void LogParked(Guid rawWebhookId, int count, Guid parkedWebhookId, string reasons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {RawWebhookId} names phone_number_id {PhoneNumberId}, which no tenant has registered; ignored")]
    private partial void LogUnknownNumber(string phoneNumberId, Guid rawWebhookId);
}
