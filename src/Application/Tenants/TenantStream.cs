using JasperFx;
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
        try
        {
            var stream = await session.Events.FetchForWriting<Tenant>(tenantId, cancellationToken);
            var tenant = stream.Aggregate ?? throw TenantNotFound(tenantId);
            if (expectedVersion is { } expected && expected != stream.StartingVersion)
            {
                throw new ConcurrencyConflictException(
                    $"The tenant is at version {stream.StartingVersion}, not {expected}; read it again and retry.");
            }

            var events = decide(tenant);
            if (events.Count == 0)
            {
                return tenant;
            }

            stream.AppendMany(events);
            await session.SaveChangesAsync(cancellationToken);
            return events.Aggregate(tenant, (state, e) => state.Evolve(e)) with { Version = stream.CurrentVersion ?? 0 };
        }
        catch (ConcurrencyException ex)
        {
            throw new ConcurrencyConflictException("The tenant was changed concurrently; read it again and retry.", ex);
        }
    }

    public static async Task<Tenant> Load(IQuerySession session, Guid tenantId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Tenant>(tenantId, cancellationToken) ?? throw TenantNotFound(tenantId);

    public static NotFoundException TenantNotFound(Guid tenantId) =>
        new("tenant", tenantId.ToString());
}
