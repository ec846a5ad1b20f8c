using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

public sealed record AddMember(string? TenantId, string DisplayName, string Email, MemberRole? Role, long? ExpectedVersion)
    : ICommand<TeamMember>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("tenant_id", TenantId)
            .Concat(Check.Required("display_name", DisplayName, 200))
            .Concat(Check.Email("email", Email))
            .Concat(TeamChecks.Role("role", Role));

    public override string ToString() => $"AddMember {{ TenantId = {TenantId}, Role = {Role} }}";
}

public sealed class AddMemberHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock) : ICommandHandler<AddMember, TeamMember>
{
    public async ValueTask<TeamMember> Handle(AddMember command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        TeamAuthority.EnsureMayActOn(actor, TeamTarget.OfRole(command.Role!.Value));
        var memberId = Guid.CreateVersion7();
        var tenant = await TenantStream.Update(
            session,
            TenantScope.Resolve(actor, command.TenantId),
            command.ExpectedVersion,
            state => TeamDecider.AddMember(state, memberId, command.DisplayName, command.Email, command.Role!.Value, clock.GetUtcNow()),
            cancellationToken);
        return tenant.FindMember(memberId)!;
    }
}
