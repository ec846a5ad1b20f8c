using JasperFx.Events;
using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

/// <summary>A tenant on the one write path (<see cref="StreamWrite"/>): NOT_FOUND when it does not exist.</summary>
internal static class TenantStream
{
    public static StreamKind<Tenant> Kind { get; } = new(
        "tenant",
        (state, e) => state is null ? (e is TenantCreated created ? Tenant.Start(created) : null) : state.Evolve(e),
        (state, version) => state with { Version = version })
    {
        Missing = TenantNotFound,
    };

    public static async Task<Tenant> Update(
        IDocumentSession session,
        Guid tenantId,
        long? expectedVersion,
        Func<Tenant, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken) =>
        (await session.UpdateAsync(Kind, tenantId, expectedVersion, t => decide(t!), cancellationToken))!;

    /// <summary>The tenant's stream, ready to append to; NOT_FOUND when it does not exist, ABORTED at another version.</summary>
    public static Task<IEventStream<Tenant>> Fetch(IDocumentSession session, Guid tenantId, long? expectedVersion, CancellationToken cancellationToken) =>
        session.FetchForWritingAsync(Kind, tenantId, expectedVersion, cancellationToken);

    /// <summary>Appends the decided events and saves; returns the state after them.</summary>
    public static async Task<Tenant> Commit(IDocumentSession session, IEventStream<Tenant> stream, IReadOnlyList<object> events, CancellationToken cancellationToken) =>
        (await session.CommitAsync(Kind, stream, events, cancellationToken))!;

    public static async Task<Tenant> Load(IQuerySession session, Guid tenantId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Tenant>(tenantId, cancellationToken) ?? throw TenantNotFound(tenantId);

    public static NotFoundException TenantNotFound(Guid tenantId) =>
        new("tenant", tenantId.ToString());
}
