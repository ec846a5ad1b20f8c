using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

public sealed record RotateCredentialSecret(string? TenantId, string ClientId) : ICommand<IssuedCredential>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("tenant_id", TenantId).Concat(Check.Required("client_id", ClientId, 100));
}

public sealed class RotateCredentialSecretHandler(IDocumentSession session, ICurrentActor actor, ICredentialStore credentials, TimeProvider clock)
    : ICommandHandler<RotateCredentialSecret, IssuedCredential>
{
    public async ValueTask<IssuedCredential> Handle(RotateCredentialSecret command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var stream = await TenantStream.Fetch(session, TenantScope.Resolve(actor, command.TenantId), null, cancellationToken);
        var events = TeamDecider.RotateCredentialSecret(stream.Aggregate!, command.ClientId, clock.GetUtcNow());
        TeamAuthority.EnsureMayActOn(actor, TeamTarget.OfCredential(stream.Aggregate!, stream.Aggregate!.FindActiveCredential(command.ClientId)!));
        var secret = await credentials.RotateSecretAsync(command.ClientId, cancellationToken);
        var tenant = await TenantStream.Commit(session, stream, events, cancellationToken);
        return new IssuedCredential(tenant.FindActiveCredential(command.ClientId)!, secret);
    }
}
