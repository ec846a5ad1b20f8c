using Marten;
using Mediator;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

public sealed record SuggestionPage(Guid TenantId, IReadOnlyList<KnowledgeSuggestion> Suggestions, string NextPageToken, int TotalSize);

/// <summary>
/// The tenant's knowledge suggestions in one state (pending unless said), newest first. They hold customers' words
/// (redacted), so every call is recorded in the access audit.
/// </summary>
public sealed record ListSuggestedEntries(int PageSize, string? PageToken, SuggestionState? State) : IQuery<SuggestionPage>, IValidatable, IPersonalDataRead<SuggestionPage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public IEnumerable<FieldViolation> Validate() => Check.PageSize(PageSize, MaxPageSize).Concat(Check.PageToken(PageToken));

    public DataAccess DescribeAccess(SuggestionPage result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.TenantId, "knowledge_suggestion", [.. result.Suggestions.Select(s => s.Id.ToString())]);
    }
}

public sealed class ListSuggestedEntriesHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<ListSuggestedEntries, SuggestionPage>
{
    public async ValueTask<SuggestionPage> Handle(ListSuggestedEntries query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        PageToken.TryDecode(query.PageToken, out var offset);
        var size = query.PageSize == 0 ? ListSuggestedEntries.DefaultPageSize : query.PageSize;
        var state = query.State ?? SuggestionState.Pending;
        var matching = session.Query<KnowledgeSuggestion>().Where(s => s.State == state);
        var total = await matching.CountAsync(cancellationToken);
        var page = await matching.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).Skip(offset).Take(size).ToListAsync(cancellationToken);
        var next = offset + size < total ? PageToken.Encode(offset + size) : string.Empty;
        return new SuggestionPage(tenantId, page, next, total);
    }
}
