using Marten;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Inbound;

/// <summary>
/// Turns number-health webhooks (<see cref="HealthReport"/>) into events on each tenant's stream, for the tenants whose
/// numbers are registered under the WABA a report names. A value PesanAI does not know (a new event, a new tier) is
/// kept as Meta sent it and logged (Meta's enum words only, never a phone number). A tenant whose reports cannot be
/// stored for good is logged and skipped: it never blocks the other changes of the webhook.
/// </summary>
public sealed partial class NumberHealthIngest(IDocumentStore store, TimeProvider clock, NumberThroughputs throughputs, ILogger<NumberHealthIngest> logger)
{
    private static readonly HashSet<string> KnownQualityEvents =
        new(["ONBOARDING", "THROUGHPUT_UPGRADE", "THROUGHPUT_DOWNGRADE", "FLAGGED", "UNFLAGGED", "UPGRADE", "DOWNGRADE"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> KnownAccountEvents = new(
        [
            "ACCOUNT_RESTRICTION", "ACCOUNT_VIOLATION", "DISABLED_UPDATE", "ACCOUNT_DELETED", "ACCOUNT_OFFBOARDED", "ACCOUNT_RECONNECTED",
            "PARTNER_ADDED", "PARTNER_REMOVED", "PARTNER_APP_INSTALLED", "PARTNER_APP_UNINSTALLED", "VOLUME_BASED_PRICING_TIER_UPDATE",
            "MM_LITE_TERMS_SIGNED", "AUTH_INTL_PRICE_ELIGIBILITY_UPDATE", "BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE",
        ],
        StringComparer.OrdinalIgnoreCase);

    public async Task ApplyAsync(IReadOnlyList<HealthReport> reports, IReadOnlyList<PhoneNumberRoute> wabaRoutes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(wabaRoutes);
        if (reports.Count == 0)
        {
            return;
        }

        foreach (var report in reports)
        {
            LogUnknownValues(report);
        }

        foreach (var tenant in wabaRoutes.GroupBy(r => r.TenantId))
        {
            var wabas = tenant.Select(r => r.WabaId).ToHashSet(StringComparer.Ordinal);
            var ofTenant = reports.Where(r => wabas.Contains(r.WabaId)).ToList();
            if (ofTenant.Count == 0)
            {
                continue;
            }

            try
            {
                var state = await LostRace.RetryAsync(5, async _ =>
                {
                    await using var session = store.LightweightSession();
                    return await TenantStream.Update(session, tenant.Key, null, t => Decide(t, ofTenant, clock.GetUtcNow()), cancellationToken);
                });
                throughputs.Report(state);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !StoreFailures.IsTransient(ex))
            {
                LogNotApplied(ex, tenant.Key, ofTenant.Count);
            }
        }
    }

    /// <summary>Every report in order, each decided on the state after the ones before it.</summary>
    public static IReadOnlyList<object> Decide(Tenant tenant, IReadOnlyList<HealthReport> reports, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(reports);
        var events = new List<object>();
        foreach (var report in reports)
        {
            var decided = report.Field switch
            {
                HealthReport.QualityField => NumberHealthDecider.QualityUpdated(tenant, report.WabaId, report.DisplayPhoneNumber, report.Event, report.LimitTier, now),
                HealthReport.CapabilityField => NumberHealthDecider.CapabilityUpdated(tenant, report.WabaId, report.LimitTier, now),
                HealthReport.AccountField when report.Account is { } account => NumberHealthDecider.AccountUpdated(tenant, report.WabaId, account, now),
                _ => [],
            };
            tenant = decided.Aggregate(tenant, (t, e) => t.Evolve(e));
            events.AddRange(decided);
        }

        return events;
    }

    private void LogUnknownValues(HealthReport report)
    {
        if (report.LimitTier is { } tier)
        {
            MessagingLimits.MaxCustomers(tier, out var known);
            if (!known)
            {
                LogUnknownValue(report.Field, report.WabaId, "limit tier", Word(tier));
            }
        }

        var events = report.Field == HealthReport.AccountField ? KnownAccountEvents : KnownQualityEvents;
        if (report.Event is { } name && !events.Contains(name))
        {
            LogUnknownValue(report.Field, report.WabaId, "event", Word(name));
        }
    }

    /// <summary>Meta's enum words only: anything else in a value is replaced, so a log line never carries free text.</summary>
    private static string Word(string value) =>
        string.Concat(value.Take(64).Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '?'));

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Field} for WABA {WabaId}: unknown {What} '{Value}'; stored as sent")]
    private partial void LogUnknownValue(string field, string wabaId, string what, string value);

    [LoggerMessage(Level = LogLevel.Error, Message = "Number health of tenant {TenantId}: {Count} report(s) could not be stored; the rest of the webhook went on")]
    private partial void LogNotApplied(Exception exception, Guid tenantId, int count);
}
