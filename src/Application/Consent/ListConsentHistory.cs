using JasperFx.Events;
using Marten;
using Mediator;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Domain.Consent;

namespace PesanAI.Application.Consent;

/// <summary>
/// One statement of a customer's ledger, as it was recorded. <see cref="Purpose"/> is null when an opt-out covered
/// every purpose; <see cref="RecordedBy"/> is the member, else the credential, that recorded it.
/// </summary>
public sealed record ConsentChange(
    long Version,
    ConsentStatus Status,
    ConsentPurpose? Purpose,
    bool AllPurposes,
    ConsentSource Source,
    string? Evidence,
    DateTimeOffset CollectedAt,
    DateTimeOffset RecordedAt,
    string? RecordedBy);

public sealed record ConsentHistoryPage(Guid TenantId, Guid CustomerId, IReadOnlyList<ConsentChange> Changes, string NextPageToken);

/// <summary>Every statement of a customer's ledger, oldest first, superseded ones included.</summary>
public sealed record ListConsentHistory(CustomerName Customer, int PageSize, string? PageToken)
    : IQuery<ConsentHistoryPage>, IValidatable, IPersonalDataRead<ConsentHistoryPage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public IEnumerable<FieldViolation> Validate() =>
        Customer.Validate().Concat(Check.PageSize(PageSize, MaxPageSize)).Concat(Check.PageToken(PageToken));

    public DataAccess DescribeAccess(ConsentHistoryPage result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.TenantId, "consent_history", [result.CustomerId.ToString()]);
    }
}

public sealed class ListConsentHistoryHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<ListConsentHistory, ConsentHistoryPage>
{
    public async ValueTask<ConsentHistoryPage> Handle(ListConsentHistory query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        var customerId = await query.Customer.FindAsync(session, cancellationToken);
        PageToken.TryDecode(query.PageToken, out var offset);
        var size = query.PageSize == 0 ? ListConsentHistory.DefaultPageSize : query.PageSize;

        // Stream versions count from 1 without gaps: a page is a version range, one more read to know if more follow.
        var events = await session.Events.FetchStreamAsync(customerId, version: offset + size + 1L, fromVersion: offset + 1L, token: cancellationToken);
        var changes = events.Select(ToChange).OfType<ConsentChange>().ToList();
        var next = changes.Count > size ? PageToken.Encode(offset + size) : string.Empty;
        return new ConsentHistoryPage(tenantId, customerId, [.. changes.Take(size)], next);
    }

    private static ConsentChange? ToChange(IEvent e)
    {
        var recordedBy = e.GetHeader(ActorStamp.MemberHeader)?.ToString() is { Length: > 0 } member ? member : e.UserName;
        return e.Data switch
        {
            OptedIn i => new ConsentChange(e.Version, ConsentStatus.OptedIn, i.Purpose, false, i.Source, i.Evidence, i.CollectedAt, i.RecordedAt, recordedBy),
            OptedOut o => new ConsentChange(
                e.Version,
                ConsentStatus.OptedOut,
                o.Scope == OptOutScope.All ? null : ConsentPurposes.CoveredBy(o.Scope)[0],
                o.Scope == OptOutScope.All,
                o.Source,
                o.Evidence,
                o.CollectedAt,
                o.RecordedAt,
                recordedBy),
            _ => null,
        };
    }
}
