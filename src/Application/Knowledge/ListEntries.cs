using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

public sealed record KnowledgeEntryPage(IReadOnlyList<KnowledgeEntry> Entries, string NextPageToken, int TotalSize, long Version);

/// <summary>The tenant's entries, oldest first, optionally only those with a tag.</summary>
public sealed record ListEntries(int PageSize, string? PageToken, string? Tag) : IQuery<KnowledgeEntryPage>, IValidatable
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public IEnumerable<FieldViolation> Validate() =>
        Check.PageSize(PageSize, MaxPageSize)
            .Concat(Check.PageToken(PageToken))
            .Concat(Check.MaxLength("tag", Tag?.Trim(), KnowledgeRules.MaxTagLength));
}

public sealed class ListEntriesHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<ListEntries, KnowledgeEntryPage>
{
    public async ValueTask<KnowledgeEntryPage> Handle(ListEntries query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var knowledge = await KnowledgeStream.Load(session, TenantOwned.TenantOf(actor), cancellationToken);
        PageToken.TryDecode(query.PageToken, out var offset);
        var size = query.PageSize == 0 ? ListEntries.DefaultPageSize : query.PageSize;
        var tag = query.Tag?.Trim().ToLowerInvariant();
        var entries = (knowledge?.Entries ?? [])
            .Where(e => string.IsNullOrEmpty(tag) || e.Tags.Contains(tag, StringComparer.Ordinal))
            .ToList();
        var page = entries.Skip(offset).Take(size).ToList();
        var next = offset + size < entries.Count ? PageToken.Encode(offset + size) : string.Empty;
        return new KnowledgeEntryPage(page, next, entries.Count, knowledge?.Version ?? 0);
    }
}
