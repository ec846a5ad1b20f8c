namespace PesanAI.Application.Audit;

/// <summary>
/// The tenant's recorded events as auditors see them: read in global order straight from the event store,
/// without Marten's storage details.
/// </summary>
public interface IEventHistory
{
    /// <summary>
    /// The tenant's events after <see cref="EventHistoryQuery.AfterPosition"/> that match the query, oldest
    /// first, up to the newest event committed when the enumeration starts; read page by page.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> ReadAsync(EventHistoryQuery query, CancellationToken cancellationToken);

    /// <summary>The global positions of the given events of the tenant (events of other tenants are left out).</summary>
    Task<IReadOnlyDictionary<Guid, long>> PositionsAsync(Guid tenantId, IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken);
}

/// <summary>Which of a tenant's events to read; empty lists and nulls filter nothing.</summary>
public sealed record EventHistoryQuery(
    Guid TenantId,
    long AfterPosition,
    IReadOnlyList<Guid> StreamIds,
    IReadOnlyList<string> EventTypes,
    string? Actor,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int? MaxEvents);

/// <summary>
/// One stored event: <see cref="Type"/> is the event type's stable alias, <see cref="Data"/> its JSON with
/// secret members removed (<see cref="SecretMembers"/>).
/// </summary>
public sealed record RecordedEvent(
    long Position,
    Guid EventId,
    Guid StreamId,
    long StreamVersion,
    string Type,
    string Data,
    DateTimeOffset OccurredAt,
    string? CredentialId,
    string? MemberId,
    string? CorrelationId,
    string? CausationId);
