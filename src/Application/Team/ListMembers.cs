using Marten;
using Mediator;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

public sealed record TeamList(Guid TenantId, IReadOnlyList<TeamMember> Members);

/// <summary>Names and emails are personal data: the read is recorded before the list is returned.</summary>
public sealed record ListMembers(string? TenantId) : IQuery<TeamList>, IValidatable, IPersonalDataRead<TeamList>
{
    public IEnumerable<FieldViolation> Validate() => Check.OptionalId("tenant_id", TenantId);

    public DataAccess DescribeAccess(TeamList result) =>
        new(result.TenantId, "member", [.. result.Members.Select(m => m.MemberId.ToString())]);
}

public sealed class ListMembersHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<ListMembers, TeamList>
{
    public async ValueTask<TeamList> Handle(ListMembers query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenant = await TenantStream.Load(session, TenantScope.Resolve(actor, query.TenantId), cancellationToken);
        return new TeamList(tenant.Id, tenant.Members);
    }
}
