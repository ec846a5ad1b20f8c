using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

public sealed record IssuedCredential(Credential Credential, string ClientSecret)
{
    public override string ToString() => $"IssuedCredential {{ ClientId = {Credential.ClientId} }}";
}

public sealed record CreateCredential(
    string? TenantId,
    CredentialKind? Kind,
    string? MemberId,
    MemberRole? Role,
    IReadOnlyList<string> Scopes,
    string DisplayName) : ICommand<IssuedCredential>, IValidatable
{
    public IEnumerable<FieldViolation> Validate()
    {
        var violations = Check.OptionalId("tenant_id", TenantId)
            .Concat(Check.Required("display_name", DisplayName, 200))
            .Concat(TeamChecks.Scopes("scopes", Scopes));
        if (Kind is not (CredentialKind.Application or CredentialKind.Member))
        {
            violations = violations.Append(new FieldViolation("kind", "must be APPLICATION or MEMBER"));
        }
        else if (Kind == CredentialKind.Member)
        {
            violations = violations.Concat(Check.Id("member_id", MemberId));
            if (Role is not null)
            {
                violations = violations.Concat(TeamChecks.Role("role", Role));
            }
        }
        else if (!string.IsNullOrEmpty(MemberId) || Role is not null)
        {
            violations = violations.Append(new FieldViolation("member_id", "an application credential names no member or role"));
        }

        return violations;
    }
}

/// <summary>
/// Decides, creates the OAuth client in the identity store, then records <see cref="CredentialCreated"/>;
/// if recording fails the client is removed again, so no credential exists that the tenant cannot see.
/// </summary>
public sealed class CreateCredentialHandler(IDocumentSession session, ICurrentActor actor, ICredentialStore credentials, TimeProvider clock)
    : ICommandHandler<CreateCredential, IssuedCredential>
{
    public async ValueTask<IssuedCredential> Handle(CreateCredential command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var memberId = command.Kind == CredentialKind.Member ? Guid.Parse(command.MemberId!) : (Guid?)null;
        var stream = await TenantStream.Fetch(session, TenantScope.Resolve(actor, command.TenantId), null, cancellationToken);
        var tenant = stream.Aggregate!;
        if (memberId is { } id && command.Role is { } role && tenant.FindMember(id) is { } member && member.Role != role)
        {
            throw new DomainException("ROLE_MISMATCH", $"The member's role is {member.Role}, not {role}.");
        }

        var clientId = "pa_" + Guid.CreateVersion7().ToString("N");
        var events = TeamDecider.CreateCredential(tenant, clientId, command.Kind!.Value, memberId, command.Scopes, command.DisplayName, clock.GetUtcNow());
        var created = events.OfType<CredentialCreated>().Single();
        TeamAuthority.EnsureMayActOn(actor, TeamTarget.OfCredential(tenant, created.Kind, created.MemberId, created.Scopes));

        var secret = await credentials.CreateAsync(
            new NewCredential(clientId, tenant.Id, created.Kind, created.MemberId, created.Scopes, created.DisplayName), cancellationToken);
        try
        {
            tenant = await TenantStream.Commit(session, stream, events, cancellationToken);
        }
        catch
        {
            await credentials.RevokeAsync(clientId, CancellationToken.None);
            throw;
        }

        return new IssuedCredential(tenant.FindActiveCredential(clientId)!, secret);
    }
}
