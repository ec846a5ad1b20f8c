extern alias client;

using client::PesanAI.Client;
using client::PesanAI.Protos.Tenants.V1;
using Grpc.Net.Client;

namespace PesanAI.FunctionalTests.Team;

/// <summary>A tenant's caller: a credential, its secret, and a channel that fetches its tokens like a partner would.</summary>
internal sealed record Caller(string ClientId, string Secret, string? MemberId, GrpcChannel Channel)
{
    public TenantService.TenantServiceClient Tenants => new(Channel);
}

/// <summary>Builds tenants with members and credentials through the operator, as the platform's onboarding does.</summary>
internal sealed class TeamBuilder(PesanAiApp app)
{
    private readonly TenantService.TenantServiceClient _operator = app.OperatorTenants();

    public TenantService.TenantServiceClient Operator => _operator;

    public async Task<Tenant> Tenant(string name) =>
        await _operator.CreateTenantAsync(new CreateTenantRequest { DisplayName = name });

    public async Task<Member> Member(string tenantId, MemberRole role, string? name = null)
    {
        name ??= $"{role} {Guid.NewGuid():N}";
        return await _operator.AddMemberAsync(new AddMemberRequest
        {
            TenantId = tenantId,
            DisplayName = name,
            Email = $"{Guid.NewGuid():N}@team.example",
            Role = role,
        });
    }

    /// <summary>A member with a member credential holding every scope of the role.</summary>
    public async Task<Caller> MemberCaller(string tenantId, MemberRole role)
    {
        var member = await Member(tenantId, role);
        return await CredentialFor(tenantId, member.MemberId);
    }

    public async Task<Caller> CredentialFor(string tenantId, string memberId, params string[] scopes)
    {
        var created = await _operator.CreateCredentialAsync(new CreateCredentialRequest
        {
            TenantId = tenantId,
            Kind = CredentialKind.Member,
            MemberId = memberId,
            Scopes = { scopes },
            DisplayName = "member key",
        });
        return Connect(created.Credential.ClientId, created.ClientSecret, memberId);
    }

    public async Task<Caller> ApplicationCaller(string tenantId, params string[] scopes)
    {
        var created = await _operator.CreateCredentialAsync(new CreateCredentialRequest
        {
            TenantId = tenantId,
            Kind = CredentialKind.Application,
            Scopes = { scopes },
            DisplayName = "partner backend",
        });
        return Connect(created.Credential.ClientId, created.ClientSecret, null);
    }

    public Caller Connect(string clientId, string secret, string? memberId, params string[] scopes)
    {
        var http = new HttpClient();
        var channel = PesanAiChannel.Create(
            new PesanAiClientOptions
            {
                GrpcAddress = app.GrpcAddress,
                TokenEndpointBase = app.HttpAddress,
                ClientId = clientId,
                ClientSecret = secret,
                Scopes = scopes,
            },
            http);
        return new Caller(clientId, secret, memberId, channel);
    }
}
