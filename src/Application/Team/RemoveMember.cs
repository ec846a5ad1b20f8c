using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

public sealed record MemberRemoval(IReadOnlyList<string> RevokedClientIds, long Version);

public sealed record RemoveMember(string? TenantId, string MemberId, long? ExpectedVersion) : ICommand<MemberRemoval>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("tenant_id", TenantId).Concat(Check.Id("member_id", MemberId));
}

/// <summary>Revokes the member's credentials in the identity store first, then records it all.</summary>
public sealed class RemoveMemberHandler(IDocumentSession session, ICurrentActor actor, ICredentialStore credentials, TimeProvider clock)
    : ICommandHandler<RemoveMember, MemberRemoval>
{
    public async ValueTask<MemberRemoval> Handle(RemoveMember command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var memberId = Guid.Parse(command.MemberId);
        var stream = await TenantStream.Fetch(session, TenantScope.Resolve(actor, command.TenantId), command.ExpectedVersion, cancellationToken);
        if (stream.Aggregate!.FindMember(memberId) is { } member)
        {
            TeamAuthority.EnsureMayActOn(actor, TeamTarget.OfRole(member.Role));
        }

        var events = TeamDecider.RemoveMember(stream.Aggregate, memberId, clock.GetUtcNow());
        var revoked = events.OfType<CredentialRevoked>().Select(e => e.ClientId).ToList();
        foreach (var clientId in revoked)
        {
            await credentials.RevokeAsync(clientId, cancellationToken);
        }

        var tenant = await TenantStream.Commit(session, stream, events, cancellationToken);
        return new MemberRemoval(revoked, tenant.Version);
    }
}
