using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Consent;

namespace PesanAI.Application.Consent;

/// <summary>
/// A customer refused messages for a purpose, or for all of them (<see cref="AllPurposes"/>). Evidence is optional:
/// the customer's word is enough to stop. Repeating an opt-out records nothing new.
/// </summary>
public sealed record RecordOptOut(
    CustomerName Customer,
    ConsentPurpose? Purpose,
    bool AllPurposes,
    ConsentSource? Source,
    string? Evidence,
    DateTimeOffset? CollectedAt,
    long? ExpectedVersion) : ICommand<ConsentView>, IValidatable
{
    public IEnumerable<FieldViolation> Validate()
    {
        var scope = AllPurposes
            ? Purpose is null ? [] : [new FieldViolation("purpose", "must be unset when all_purposes is true")]
            : ConsentChecks.Purpose(Purpose).Select(v => v with { Description = "is required (or set all_purposes): marketing, utility or automation" });
        return Customer.Validate()
            .Concat(scope)
            .Concat(ConsentChecks.Source(Source))
            .Concat(ConsentChecks.Evidence(Evidence, required: false));
    }

    public OptOutScope Scope => AllPurposes ? OptOutScope.All : ConsentPurposes.ScopeOf(Purpose!.Value);
}

public sealed class RecordOptOutHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock) : ICommandHandler<RecordOptOut, ConsentView>
{
    public async ValueTask<ConsentView> Handle(RecordOptOut command, CancellationToken cancellationToken)
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
            state => ConsentDecider.OptOut(state, customerId, command.Customer.ToIdentity(), command.Scope, command.Source!.Value, command.Evidence, collectedAt, now),
            cancellationToken);
        return ConsentView.Of(tenantId, customerId, command.Customer, record);
    }
}
