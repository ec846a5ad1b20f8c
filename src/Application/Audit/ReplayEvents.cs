using System.Text.RegularExpressions;
using Mediator;
using PesanAI.Application.Common;

namespace PesanAI.Application.Audit;

/// <summary>The tenant's events, read lazily: nothing is read before the replay is enumerated.</summary>
public sealed record EventReplay(Guid TenantId, IAsyncEnumerable<RecordedEvent> Events);

/// <summary>
/// Replays the tenant's events in global order. The events hold personal data (members' names and
/// emails, and later messages), so the replay is recorded as a read: <see cref="DataAccessBehavior{TMessage, TResponse}"/>
/// commits the access before the handler's lazy sequence is enumerated, and the replay then stops at the
/// newest event committed when it starts, which includes that access event and nothing the replay's own
/// later reads could add: it always catches up.
/// </summary>
public sealed partial record ReplayEvents(
    long AfterPosition,
    IReadOnlyList<string> StreamIds,
    IReadOnlyList<string> EventTypes,
    string? Actor,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    int MaxEvents) : IQuery<EventReplay>, IValidatable, IPersonalDataRead<EventReplay>
{
    public const int MaxFilterValues = 100;
    public const int MaxEventsLimit = 100_000;

    public IEnumerable<FieldViolation> Validate()
    {
        if (AfterPosition < 0)
        {
            yield return new FieldViolation("after_position", "must not be negative");
        }

        if (StreamIds.Count > MaxFilterValues)
        {
            yield return new FieldViolation("stream_ids", $"must hold at most {MaxFilterValues} ids");
        }
        else if (StreamIds.Any(id => !Guid.TryParse(id, out _)))
        {
            yield return new FieldViolation("stream_ids", "must be UUIDs");
        }

        if (EventTypes.Count > MaxFilterValues)
        {
            yield return new FieldViolation("event_types", $"must hold at most {MaxFilterValues} types");
        }
        else if (EventTypes.Any(type => !TypeName().IsMatch(type)))
        {
            yield return new FieldViolation("event_types", "must be event type names such as member_added");
        }

        foreach (var violation in Check.MaxLength("actor", Actor, 200).Concat(AuditPeriod.Check(StartTime, EndTime)))
        {
            yield return violation;
        }

        if (MaxEvents < 0 || MaxEvents > MaxEventsLimit)
        {
            yield return new FieldViolation("max_events", $"must be between 0 and {MaxEventsLimit}");
        }
    }

    /// <summary>The streams read (none named: every stream of the tenant).</summary>
    public DataAccess DescribeAccess(EventReplay result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.TenantId, "event_stream", StreamIds);
    }

    [GeneratedRegex("^[a-z0-9_]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}

public sealed class ReplayEventsHandler(IEventHistory history, ICurrentActor actor) : IQueryHandler<ReplayEvents, EventReplay>
{
    public ValueTask<EventReplay> Handle(ReplayEvents query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenant = AuditScope.TenantOf(actor);
        var events = history.ReadAsync(
            new EventHistoryQuery(
                tenant,
                query.AfterPosition,
                [.. query.StreamIds.Select(Guid.Parse)],
                query.EventTypes,
                string.IsNullOrEmpty(query.Actor) ? null : query.Actor,
                query.StartTime,
                query.EndTime,
                query.MaxEvents == 0 ? null : query.MaxEvents),
            cancellationToken);
        return ValueTask.FromResult(new EventReplay(tenant, events));
    }
}
