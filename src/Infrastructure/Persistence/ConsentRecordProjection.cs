using JasperFx.Events;
using Marten.Events.Aggregation;
using PesanAI.Domain.Consent;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Keeps each customer's ConsentRecord snapshot in step with its ledger stream through the domain's pure Evolve,
/// inline: the snapshot is also the per-customer consent that ListCustomers filters on.
/// </summary>
public sealed class ConsentRecordProjection : SingleStreamProjection<ConsentRecord, Guid>
{
    public ConsentRecordProjection()
    {
        foreach (var type in ConsentEventTypes.All)
        {
            IncludeType(type);
        }
    }

    public override ConsentRecord? Evolve(ConsentRecord? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var next = (snapshot, e.Data) switch
        {
            (null, IConsentEvent first) => ConsentRecord.Start(first),
            (null, _) => null,
            (_, _) => snapshot.Evolve(e.Data),
        };
        return next is null ? null : next with { Version = e.Version };
    }
}
