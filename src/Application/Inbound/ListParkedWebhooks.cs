using Marten;
using Mediator;
using PesanAI.Application.Common;

namespace PesanAI.Application.Inbound;

/// <summary>A parked webhook as an operator sees it: what failed and why, the body's size, never the body (personal data).</summary>
public sealed record ParkedWebhookSummary
{
    public required Guid Id { get; init; }

    public required Guid RawWebhookId { get; init; }

    public required DateTimeOffset ParkedAt { get; init; }

    public required IReadOnlyList<ParkedItem> Items { get; init; }

    /// <summary>Null only for a webhook parked before sizes were kept (then read from its body).</summary>
    public int? BodyBytes { get; init; }

    public DateTimeOffset? ReplayedAt { get; init; }

    public static ParkedWebhookSummary Of(ParkedWebhook parked)
    {
        ArgumentNullException.ThrowIfNull(parked);
        return new()
        {
            Id = parked.Id,
            RawWebhookId = parked.RawWebhookId,
            ParkedAt = parked.ParkedAt,
            Items = parked.Items,
            BodyBytes = parked.BodyBytes,
            ReplayedAt = parked.ReplayedAt,
        };
    }
}

public sealed record ParkedWebhookPage(IReadOnlyList<ParkedWebhookSummary> ParkedWebhooks, string NextPageToken);

public sealed record ListParkedWebhooks(int PageSize, string? PageToken) : IQuery<ParkedWebhookPage>, IValidatable
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public IEnumerable<FieldViolation> Validate() =>
        Check.PageSize(PageSize, MaxPageSize).Concat(Check.PageToken(PageToken));
}

public sealed class ListParkedWebhooksHandler(IDocumentStore store) : IQueryHandler<ListParkedWebhooks, ParkedWebhookPage>
{
    public async ValueTask<ParkedWebhookPage> Handle(ListParkedWebhooks query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        PageToken.TryDecode(query.PageToken, out var offset);
        var size = query.PageSize == 0 ? ListParkedWebhooks.DefaultPageSize : query.PageSize;
        await using var session = store.QuerySession();

        // Selected field by field, so that the bodies (up to 3 MB each) stay in the database. Oldest first: new ones
        // come last, so the pages already read do not shift. One row more than asked tells whether another page exists.
        var rows = await session.Query<ParkedWebhook>()
            .OrderBy(w => w.ParkedAt).ThenBy(w => w.Id)
            .Skip(offset).Take(size + 1)
            .Select(w => new ParkedWebhookSummary
            {
                Id = w.Id,
                RawWebhookId = w.RawWebhookId,
                ParkedAt = w.ParkedAt,
                Items = w.Items,
                BodyBytes = w.BodyBytes,
                ReplayedAt = w.ReplayedAt,
            })
            .ToListAsync(cancellationToken);
        var page = new List<ParkedWebhookSummary>(Math.Min(rows.Count, size));
        foreach (var row in rows.Take(size))
        {
            page.Add(row.BodyBytes is null ? row with { BodyBytes = await BodyBytesAsync(session, row.Id, cancellationToken) } : row);
        }

        return new ParkedWebhookPage(page, rows.Count > size ? PageToken.Encode(offset + size) : string.Empty);
    }

    private static async Task<int?> BodyBytesAsync(IQuerySession session, Guid id, CancellationToken cancellationToken) =>
        (await session.LoadAsync<ParkedWebhook>(id, cancellationToken))?.BodyBytes;
}
