using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

public sealed record RevokeCredential(string? TenantId, string ClientId, string? Reason) : ICommand<Credential>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("tenant_id", TenantId).Concat(Check.Required("client_id", ClientId, 100)).Concat(Check.MaxLength("reason", Reason, 500));
}

/// <summary>The identity store forgets the client and its tokens first; a retry after a failed save completes the record.</summary>
public sealed class RevokeCredentialHandler(IDocumentSession session, ICurrentActor actor, ICredentialStore credentials, TimeProvider clock)
    : ICommandHandler<RevokeCredential, Credential>
{
    public async ValueTask<Credential> Handle(RevokeCredential command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var stream = await TenantStream.Fetch(session, TenantScope.Resolve(actor, command.TenantId), null, cancellationToken);
        var events = TeamDecider.RevokeCredential(
            stream.Aggregate!, command.ClientId, string.IsNullOrWhiteSpace(command.Reason) ? "revoked" : command.Reason.Trim(), clock.GetUtcNow());
        TeamAuthority.EnsureMayActOn(actor, TeamTarget.OfCredential(stream.Aggregate!, stream.Aggregate!.Credentials.Find(c => c.ClientId == command.ClientId)!));
        if (events.Count > 0)
        {
            await credentials.RevokeAsync(command.ClientId, cancellationToken);
        }

        var tenant = await TenantStream.Commit(session, stream, events, cancellationToken);
        return tenant.Credentials.Find(c => c.ClientId == command.ClientId)!;
    }
}
