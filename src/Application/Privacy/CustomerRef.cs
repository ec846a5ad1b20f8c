using Marten;
using PesanAI.Application.Common;
using PesanAI.Application.Customers;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Privacy;

/// <summary>How a privacy request names a customer: exactly one of the tenant's customer id, a wa_id or a user id.</summary>
public sealed record CustomerRef(string? CustomerId, string? WaId, string? UserId)
{
    public IEnumerable<FieldViolation> Validate()
    {
        var named = new[] { CustomerId, WaId, UserId }.Count(v => !string.IsNullOrEmpty(v));
        if (named != 1)
        {
            return [new FieldViolation("customer", "name the customer by exactly one of customer_id, wa_id or user_id")];
        }

        return !string.IsNullOrEmpty(CustomerId) ? Check.Id("customer_id", CustomerId)
            : !string.IsNullOrEmpty(WaId) ? Check.Digits("wa_id", WaId.TrimStart('+'), 20)
            : Check.Required("user_id", UserId, 128);
    }

    /// <summary>The customer's id in the tenant, or NOT_FOUND (also for a customer erased, or never known).</summary>
    public async Task<Guid> ResolveAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        Guid? id = null;
        if (!string.IsNullOrEmpty(CustomerId))
        {
            var candidate = Guid.Parse(CustomerId);
            var known = await session.Query<CustomerLink>().AnyAsync(l => l.CustomerId == candidate, cancellationToken)
                || await session.Query<Conversation>().AnyAsync(c => c.CustomerId == candidate, cancellationToken)
                || await session.LoadAsync<ConsentRecord>(candidate, cancellationToken) is not null;
            id = known ? candidate : null;
        }
        else
        {
            var name = !string.IsNullOrEmpty(WaId) ? StableIds.WaLink(WaId.TrimStart('+')) : StableIds.UserLink(UserId!);
            id = (await session.LoadAsync<CustomerLink>(name, cancellationToken))?.CustomerId;
        }

        return id ?? throw new NotFoundException("customer", CustomerId ?? "(named by wa_id or user_id)");
    }
}
