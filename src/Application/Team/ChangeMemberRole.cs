using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

public sealed record ChangeMemberRole(string? TenantId, string MemberId, MemberRole? Role, long? ExpectedVersion)
    : ICommand<TeamMember>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("tenant_id", TenantId).Concat(Check.Id("member_id", MemberId)).Concat(TeamChecks.Role("role", Role));
}

/// <summary>The member's tokens are revoked first: a token must never carry a role the member no longer has.</summary>
public sealed class ChangeMemberRoleHandler(IDocumentSession session, ICurrentActor actor, ICredentialStore credentials, TimeProvider clock)
    : ICommandHandler<ChangeMemberRole, TeamMember>
{
    public async ValueTask<TeamMember> Handle(ChangeMemberRole command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var memberId = Guid.Parse(command.MemberId);
        var stream = await TenantStream.Fetch(session, TenantScope.Resolve(actor, command.TenantId), command.ExpectedVersion, cancellationToken);
        var tenant = stream.Aggregate!;
        if (tenant.FindMember(memberId) is { } member)
        {
            TeamAuthority.EnsureMayActOn(actor, TeamTarget.OfRole(member.Role));
            TeamAuthority.EnsureMayActOn(actor, TeamTarget.OfRole(command.Role!.Value));
        }

        var events = TeamDecider.ChangeMemberRole(tenant, memberId, command.Role!.Value, clock.GetUtcNow());
        if (events.Count > 0)
        {
            foreach (var credential in tenant.Credentials.Where(c => c.IsActive && c.MemberId == memberId))
            {
                await credentials.RevokeTokensAsync(credential.ClientId, cancellationToken);
            }
        }

        return (await TenantStream.Commit(session, stream, events, cancellationToken)).FindMember(memberId)!;
    }
}
