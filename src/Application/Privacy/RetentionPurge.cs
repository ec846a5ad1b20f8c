using Marten;
using PesanAI.Application.Media;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Privacy;

/// <summary>What one purge pass removed, per tenant and kind (kinds with nothing to remove are left out).</summary>
public sealed record PurgeReport(IReadOnlyList<RetentionPurged> Purges)
{
    public int CountOf(Guid tenantId, RetentionKind kind) =>
        Purges.Where(p => p.TenantId == tenantId && p.Kind == kind).Sum(p => p.Count);
}

/// <summary>
/// One pass of retention over every tenant that set a period: each kind past its period is stripped or deleted, and
/// each purge that removed something is recorded on the tenant's stream (<see cref="RetentionPurged"/>, counts only).
/// Running it again removes nothing more and records nothing. AI records are stripped at the shorter of their own
/// period and the message content's (an AI reply is a message too).
/// </summary>
public sealed class RetentionPurge(IDocumentStore store, IPurgeStore purges, IMediaStore media)
{
    /// <summary>Media files deleted per session save, so that a tenant with many files commits as it goes.</summary>
    private const int MediaBatch = 100;

    public async Task<PurgeReport> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<Tenant> tenants;
        await using (var query = store.QuerySession())
        {
            tenants = await query.Query<Tenant>().ToListAsync(cancellationToken);
        }

        var report = new List<RetentionPurged>();
        foreach (var tenant in tenants.Where(t => t.Retention != RetentionPolicy.Default))
        {
            foreach (var kind in Enum.GetValues<RetentionKind>())
            {
                if (tenant.Retention.PeriodOf(kind) is not { } period)
                {
                    continue;
                }

                var before = now - period;
                var count = await PurgeAsync(tenant.Id, kind, before, now, cancellationToken);
                report.AddRange(await RecordAsync(tenant, kind, before, count, now, cancellationToken));
            }
        }

        return new PurgeReport(report);
    }

    private Task<int> PurgeAsync(Guid tenantId, RetentionKind kind, DateTimeOffset before, DateTimeOffset now, CancellationToken cancellationToken) => kind switch
    {
        RetentionKind.MessageContent => purges.StripMessageContentAsync(tenantId, before, aiOnly: false, cancellationToken),
        RetentionKind.AiRecords => purges.StripMessageContentAsync(tenantId, before, aiOnly: true, cancellationToken),
        RetentionKind.AccessRecords => purges.DeleteAccessRecordsAsync(tenantId, before, cancellationToken),
        RetentionKind.WebhookBodies => purges.DeleteWebhookBodiesAsync(tenantId, before, cancellationToken),
        RetentionKind.Media => DeleteMediaAsync(tenantId, before, now, cancellationToken),
        _ => Task.FromResult(0),
    };

    /// <summary>Through <see cref="MediaDeletion"/>, as DeleteMedia does: bytes gone, the file marked deleted, MediaDeleted on its conversation.</summary>
    private async Task<int> DeleteMediaAsync(Guid tenantId, DateTimeOffset before, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            await using var session = store.LightweightSession(tenantId.ToString());
            session.LastModifiedBy = RetentionActor;
            var items = await session.Query<MediaItem>()
                .Where(i => i.State == MediaState.Stored && i.CreatedAt < before)
                .OrderBy(i => i.CreatedAt)
                .Take(MediaBatch)
                .ToListAsync(cancellationToken);
            foreach (var item in items)
            {
                await MediaDeletion.DeleteAsync(session, media, tenantId, item, now, cancellationToken);
            }

            await session.SaveChangesAsync(cancellationToken);
            deleted += items.Count;
            if (items.Count < MediaBatch)
            {
                return deleted;
            }
        }
    }

    private async Task<IEnumerable<RetentionPurged>> RecordAsync(Tenant tenant, RetentionKind kind, DateTimeOffset before, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var events = RetentionDecider.Purged(tenant, kind, before, count, now);
        if (events.Count > 0)
        {
            // Appended without an expected version: a purge never waits for, or fails on, the tenant's own changes.
            await using var session = store.LightweightSession();
            session.LastModifiedBy = RetentionActor;
            session.Events.Append(tenant.Id, [.. events]);
            await session.SaveChangesAsync(cancellationToken);
        }

        return events.OfType<RetentionPurged>();
    }

    /// <summary>Who the purge's events name as their cause (no credential: the platform applying the tenant's policy).</summary>
    public const string RetentionActor = "pesanai:retention";
}
