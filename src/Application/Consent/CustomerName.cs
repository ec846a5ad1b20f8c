using System.Text.RegularExpressions;
using Marten;
using PesanAI.Application.Common;
using PesanAI.Application.Customers;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Consent;

/// <summary>
/// How a request names a customer, as Meta does: <c>wa_id</c> (the phone number's E.164 digits without the plus;
/// a leading plus is accepted and dropped) and/or the business-scoped <c>user_id</c>. Either one finds the same
/// customer, the one conversations know.
/// </summary>
public sealed partial record CustomerName(string? WaId, string? UserId)
{
    public const int MaxUserIdLength = 128;

    public IEnumerable<FieldViolation> Validate()
    {
        if (string.IsNullOrEmpty(WaId) && string.IsNullOrEmpty(UserId))
        {
            yield return new FieldViolation("wa_id", "wa_id or user_id is required");
            yield break;
        }

        if (!string.IsNullOrEmpty(WaId) && !WaIdPattern().IsMatch(WaId))
        {
            yield return new FieldViolation("wa_id", "must be the customer's number as E.164 digits, for example 6281234567890");
        }

        if (!string.IsNullOrEmpty(UserId) && (UserId.Length > MaxUserIdLength || UserId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            yield return new FieldViolation("user_id", $"must be Meta's business-scoped user id: at most {MaxUserIdLength} characters, no spaces");
        }
    }

    public CustomerIdentity ToIdentity() => new(
        string.IsNullOrEmpty(WaId) ? null : WaId.TrimStart('+'),
        string.IsNullOrEmpty(UserId) ? null : UserId);

    /// <summary>
    /// The customer's id, without adding anything: NOT_FOUND when no name is linked in the tenant yet (the customer
    /// never wrote and no consent was recorded for them). wa_id first, as the inbound path resolves it.
    /// </summary>
    public async Task<Guid> FindAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var identity = ToIdentity();
        string[] names = [.. new[] { identity.WaId is { } wa ? StableIds.WaLink(wa) : null, identity.UserId is { } uid ? StableIds.UserLink(uid) : null }.OfType<string>()];
        var links = await session.LoadEachAsync<CustomerLink>(names, cancellationToken);
        return names.Select(n => links.FirstOrDefault(l => l.Id == n)).FirstOrDefault(l => l is not null)?.CustomerId
            ?? throw new NotFoundException("customer", identity.WaId is not null ? "named by wa_id" : "named by user_id");
    }

    /// <summary>
    /// The customer's id, linking names not seen before exactly as the inbound path does (a web-form opt-in often
    /// comes before the customer's first message); the links are saved with the session.
    /// </summary>
    public async Task<Guid> ResolveAsync(IDocumentSession session, Guid tenantId, CancellationToken cancellationToken)
    {
        var identity = ToIdentity();
        var book = await CustomerBook.LoadAsync(session, tenantId, [identity], cancellationToken);
        return book.IdOf(identity);
    }

    [GeneratedRegex(@"^\+?[1-9][0-9]{6,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex WaIdPattern();
}
