using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Consent;

namespace PesanAI.Application.Consent;

/// <summary>
/// A customer agreed to messages for a purpose. A customer who never wrote is linked now (the same id their
/// conversations will have); repeating an opt-in records nothing new.
/// </summary>
public sealed record RecordOptIn(
    CustomerName Customer,
    ConsentPurpose? Purpose,
    ConsentSource? Source,
    string? Evidence,
    DateTimeOffset? CollectedAt,
    long? ExpectedVersion) : ICommand<ConsentView>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Customer.Validate()
            .Concat(ConsentChecks.Purpose(Purpose))
            .Concat(ConsentChecks.Source(Source))
            .Concat(ConsentChecks.Evidence(Evidence, required: true));
}

public sealed class RecordOptInHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock) : ICommandHandler<RecordOptIn, ConsentView>
{
    public async ValueTask<ConsentView> Handle(RecordOptIn command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        var now = clock.GetUtcNow();
        var collectedAt = ConsentChecks.CollectedAt(command.CollectedAt, now);
        var customerId = await command.Customer.ResolveAsync(session, tenantId, cancellationToken);
        var record = await ConsentStream.Update(
            session,
            customerId,
            command.ExpectedVersion,
            state => ConsentDecider.OptIn(state, customerId, command.Customer.ToIdentity(), command.Purpose!.Value, command.Source!.Value, command.Evidence, collectedAt, now),
            cancellationToken);
        return ConsentView.Of(tenantId, customerId, command.Customer, record);
    }
}
