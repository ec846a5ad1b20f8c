using Marten;
using Mediator;
using PesanAI.Application.Common;

namespace PesanAI.Application.Audit;

/// <summary>A listed read, with the global position of the event that records it.</summary>
public sealed record ListedDataAccess(DataAccessEntry Entry, long Position);

public sealed record DataAccessPage(Guid TenantId, IReadOnlyList<ListedDataAccess> Entries, string NextPageToken);

/// <summary>
/// Who read the tenant's personal data, newest first. The list itself names members and their addresses,
/// so every call is recorded as a read too (after the query: a call never lists its own read).
/// </summary>
public sealed record ListDataAccess(
    int PageSize,
    string? PageToken,
    string? Actor,
    string? ResourceType,
    string? ResourceId,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime) : IQuery<DataAccessPage>, IValidatable, IPersonalDataRead<DataAccessPage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public IEnumerable<FieldViolation> Validate()
    {
        var violations = Check.PageSize(PageSize, MaxPageSize)
            .Concat(Check.MaxLength("actor", Actor, 200))
            .Concat(Check.MaxLength("resource_type", ResourceType, 100))
            .Concat(Check.MaxLength("resource_id", ResourceId, 200))
            .Concat(AuditPeriod.Check(StartTime, EndTime));
        return AccessCursor.TryDecode(PageToken, out _)
            ? violations
            : violations.Append(new FieldViolation("page_token", "is not a token this API issued"));
    }

    public DataAccess DescribeAccess(DataAccessPage result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.TenantId, "data_access", [.. result.Entries.Select(e => e.Entry.Id.ToString())]);
    }
}

public sealed class ListDataAccessHandler(IQuerySession session, IEventHistory history, ICurrentActor actor)
    : IQueryHandler<ListDataAccess, DataAccessPage>
{
    public async ValueTask<DataAccessPage> Handle(ListDataAccess query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenant = AuditScope.TenantOf(actor);
        AccessCursor.TryDecode(query.PageToken, out var after);
        var size = query.PageSize == 0 ? ListDataAccess.DefaultPageSize : query.PageSize;

        // The session is the caller's tenant's: Marten adds the tenant filter to every query.
        var entries = session.Query<DataAccessEntry>().AsQueryable();
        if (!string.IsNullOrEmpty(query.Actor))
        {
            entries = entries.Where(e => e.CredentialId == query.Actor || e.MemberId == query.Actor);
        }

        if (!string.IsNullOrEmpty(query.ResourceType))
        {
            entries = entries.Where(e => e.ResourceType == query.ResourceType);
        }

        if (!string.IsNullOrEmpty(query.ResourceId))
        {
            entries = entries.Where(e => e.ResourceIds.Contains(query.ResourceId));
        }

        if (query.StartTime is { } start)
        {
            entries = entries.Where(e => e.AccessedAt >= start);
        }

        if (query.EndTime is { } end)
        {
            entries = entries.Where(e => e.AccessedAt < end);
        }

        // Keyset paging (newest first): reads recorded while a client pages never shift its pages.
        if (after is { } cursor)
        {
            entries = entries.Where(e => e.AccessedAt < cursor.AccessedAt || (e.AccessedAt == cursor.AccessedAt && e.Id < cursor.Id));
        }

        var rows = await entries
            .OrderByDescending(e => e.AccessedAt).ThenByDescending(e => e.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var positions = await history.PositionsAsync(tenant, [.. page.Select(e => e.Id)], cancellationToken);
        var next = rows.Count > size ? AccessCursor.Encode(new AccessCursor(page[^1].AccessedAt, page[^1].Id)) : string.Empty;
        return new DataAccessPage(tenant, [.. page.Select(e => new ListedDataAccess(e, positions.GetValueOrDefault(e.Id)))], next);
    }
}
