using JasperFx;
using JasperFx.Events;
using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

/// <summary>The write loop for a tenant: fetch for writing (optionally at an expected version), decide, append, save.</summary>
internal static class TenantStream
{
    public static async Task<Tenant> Update(
        IDocumentSession session,
        Guid tenantId,
        long? expectedVersion,
        Func<Tenant, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken)
    {
        var stream = await Fetch(session, tenantId, expectedVersion, cancellationToken);
        return await Commit(session, stream, decide(stream.Aggregate!), cancellationToken);
    }

    /// <summary>The tenant's stream, ready to append to; NOT_FOUND when it does not exist, ABORTED at another version.</summary>
    public static async Task<IEventStream<Tenant>> Fetch(IDocumentSession session, Guid tenantId, long? expectedVersion, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Tenant>(tenantId, cancellationToken);
        if (stream.Aggregate is null)
        {
            throw TenantNotFound(tenantId);
        }

        if (expectedVersion is { } expected && expected != stream.StartingVersion)
        {
            throw new ConcurrencyConflictException(
                $"The tenant is at version {stream.StartingVersion}, not {expected}; read it again and retry.");
        }

        return stream;
    }

    /// <summary>Appends the decided events and saves; returns the state after them.</summary>
    public static async Task<Tenant> Commit(IDocumentSession session, IEventStream<Tenant> stream, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        var tenant = stream.Aggregate!;
        if (events.Count == 0)
        {
            return tenant;
        }

        stream.AppendMany(events);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyException ex)
        {
            throw new ConcurrencyConflictException("The tenant was changed concurrently; read it again and retry.", ex);
        }

        return events.Aggregate(tenant, (state, e) => state.Evolve(e)) with { Version = stream.CurrentVersion ?? 0 };
    }

    public static async Task<Tenant> Load(IQuerySession session, Guid tenantId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Tenant>(tenantId, cancellationToken) ?? throw TenantNotFound(tenantId);

    public static NotFoundException TenantNotFound(Guid tenantId) =>
        new("tenant", tenantId.ToString());
}
