using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using PesanAI.Application.Audit;
using PesanAI.Domain.Audit;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Writes one <see cref="DataAccessEntry"/> per <see cref="DataAccessed"/> event, inline (in the read's own
/// transaction), under the event's tenant. An explicit override rather than conventional Create methods;
/// partial only so Marten's source generator can declare the document type it publishes.
/// </summary>
public sealed partial class DataAccessProjection : EventProjection
{
    public DataAccessProjection()
    {
        IncludeType<DataAccessed>();

        // An append-only audit: a projection rebuild must never wipe it.
        DeletePublishedTypesOnTeardown = false;
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Data is DataAccessed accessed)
        {
            operations.Store(new DataAccessEntry(
                e.Id,
                accessed.CredentialId,
                accessed.MemberId,
                accessed.Role,
                accessed.Operation,
                accessed.ResourceType,
                accessed.ResourceIds,
                accessed.Purpose,
                accessed.ClientAddress,
                WholeMicroseconds(accessed.AccessedAt)));
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>PostgreSQL keeps microseconds: the document and its indexed column then hold the same instant.</summary>
    private static DateTimeOffset WholeMicroseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
