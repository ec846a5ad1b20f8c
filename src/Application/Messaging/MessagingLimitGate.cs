using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Common;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Messaging;

/// <summary>
/// A customer the tenant reached outside the customer-service window through a WhatsApp Business Account, and when last
/// (one row per tenant, WABA and customer, kept current by every business-initiated send). The messaging limit counts
/// the rows of the last 24 hours (ADR 013).
/// </summary>
public sealed record OutOfWindowContact(Guid Id, string WabaId, Guid CustomerId, DateTimeOffset LastAt);

/// <summary>
/// Meta's messaging limit before a business-initiated send is queued: the customer's place is taken in a short
/// transaction of its own, committed before the send's. A lock per tenant and WABA makes two sends racing at the limit
/// take turns (the second counts the first's row), and the count reads an index (WABA, last time) instead of the event
/// log. A known, finite limit is enforced; an unlimited or unknown one only records the customer, so a later downgrade
/// counts them. A send that then fails to queue keeps its place (counted, never undercounted); its retry finds the
/// customer already reached.
/// </summary>
internal static class MessagingLimitGate
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public static async Task AdmitAsync(
        IDocumentStore store, ITransactionLocks locks, Tenant tenant, string phoneNumberId, Guid customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (tenant.FindPhoneNumber(phoneNumberId) is not { } number)
        {
            return;
        }

        var wabaId = number.WabaId;
        var id = NameBasedGuid.From($"pesanai:out-of-window:{tenant.Id:D}:{wabaId}:{customerId:D}");
        var tier = tenant.FindAccount(wabaId)?.MessagingLimitTier;
        await using var session = store.LightweightSession(tenant.Id.ToString());
        if (MessagingLimits.MaxCustomers(tier, out var known) is { } limit && known)
        {
            await session.BeginTransactionAsync(cancellationToken);
            var key = BitConverter.ToInt64(NameBasedGuid.From($"pesanai:messaging-limit:{tenant.Id:D}:{wabaId}").ToByteArray(), 0);
            await locks.TakeAsync(session, key, cancellationToken);
            var since = now - Window;
            var already = await session.LoadAsync<OutOfWindowContact>(id, cancellationToken) is { } mine && mine.LastAt > since;
            var reached = already ? 0 : await session.Query<OutOfWindowContact>().CountAsync(c => c.WabaId == wabaId && c.LastAt > since, cancellationToken);
            MessagingLimitDecider.Admit(limit, reached, already, tier!);
        }

        session.Store(new OutOfWindowContact(id, wabaId, customerId, now));
        await session.SaveChangesAsync(cancellationToken);
    }
}
