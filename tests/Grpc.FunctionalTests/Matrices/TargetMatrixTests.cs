extern alias client;

using client::PesanAI.Protos.Tenants.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Team;

namespace PesanAI.FunctionalTests.Matrices;

/// <summary>
/// Caller × target × operation for every member and credential operation: only owners (and the operator) act on
/// owners, and nobody acts on a member or credential that holds a scope the caller lacks (README, permission table).
/// </summary>
public sealed class TargetMatrixTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private static readonly string[] AllTargets = ["owner", "admin", "agent", "auditor", "app(tenant.read)", "app(audit.read)"];

    /// <summary>Which targets each caller may act on; the rest must be PERMISSION_DENIED.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["operator"] = AllTargets,
        ["owner"] = AllTargets,
        ["admin"] = ["admin", "agent", "app(tenant.read)"],
        ["application(all scopes)"] = ["admin", "agent", "auditor", "app(tenant.read)", "app(audit.read)"],
        ["agent"] = [],
        ["auditor"] = [],
    };

    private readonly TeamBuilder _team = new(app);

    [Fact]
    public async Task Every_caller_acts_only_on_targets_it_may_act_on()
    {
        var callers = new[] { "operator", "owner", "admin", "application(all scopes)", "agent", "auditor" };
        var wrong = (await Task.WhenAll(callers.Select(CheckCaller))).SelectMany(w => w).ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task An_admin_cannot_take_over_an_owners_credential()
    {
        var tenant = await _team.Tenant("Toko Kudeta");
        var owner = await _team.MemberCaller(tenant.Id, MemberRole.Owner);
        var admin = await _team.MemberCaller(tenant.Id, MemberRole.Admin);
        var auditApp = await _team.ApplicationCaller(tenant.Id, "tenant.read", "audit.read");

        await RpcAssert.Fails(StatusCode.PermissionDenied, () => admin.Tenants.RotateCredentialSecretAsync(
            new RotateCredentialSecretRequest { ClientId = owner.ClientId }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => admin.Tenants.RotateCredentialSecretAsync(
            new RotateCredentialSecretRequest { ClientId = auditApp.ClientId }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => admin.Tenants.RevokeCredentialAsync(
            new RevokeCredentialRequest { ClientId = owner.ClientId }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => admin.Tenants.CreateCredentialAsync(new CreateCredentialRequest
        {
            Kind = CredentialKind.Member,
            MemberId = owner.MemberId,
            Scopes = { "tenant.read" },
            DisplayName = "owner's second key",
        }).ResponseAsync);

        // The owner's and the application's secrets still work, and nothing was revoked.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await TokenRequests.Request(app, owner.ClientId, owner.Secret)).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await TokenRequests.Request(app, auditApp.ClientId, auditApp.Secret)).Status);
        var credentials = (await owner.Tenants.ListCredentialsAsync(new ListCredentialsRequest())).Credentials;
        Assert.All(credentials, c => Assert.Null(c.RevokeTime));
        Assert.Equal(3, credentials.Count);
    }

    private async Task<List<string>> CheckCaller(string callerName)
    {
        var tenant = await _team.Tenant($"Toko Sasaran {callerName}");
        await _team.Member(tenant.Id, MemberRole.Owner);
        var client = await CallerClient(tenant.Id, callerName);
        var wrong = new List<string>();
        foreach (var target in AllTargets)
        {
            foreach (var (operation, call) in Operations(tenant.Id, target, client))
            {
                var expected = Allowed[callerName].Contains(target) ? StatusCode.OK : StatusCode.PermissionDenied;
                var actual = StatusCode.OK;
                try
                {
                    await call();
                }
                catch (RpcException e)
                {
                    actual = e.StatusCode;
                }

                if (actual != expected)
                {
                    wrong.Add($"{callerName} -> {operation} on {target}: {actual} (expected {expected})");
                }
            }
        }

        return wrong;
    }

    private async Task<TenantService.TenantServiceClient> CallerClient(string tenantId, string name) => name switch
    {
        "operator" => _team.Operator,
        "application(all scopes)" => (await _team.ApplicationCaller(tenantId, [.. Domain.Tenants.TenantScopes.All])).Tenants,
        _ => (await _team.MemberCaller(tenantId, Enum.Parse<MemberRole>(name, ignoreCase: true))).Tenants,
    };

    /// <summary>Each operation on a fresh target (made by the operator), so that an allowed removal cannot hide the next cell.</summary>
    private IEnumerable<(string Operation, Func<Task> Call)> Operations(string tenantId, string target, TenantService.TenantServiceClient caller)
    {
        if (target.StartsWith("app(", StringComparison.Ordinal))
        {
            var scope = target[4..^1];
            yield return ("RotateCredentialSecret", async () =>
            {
                var app = await _team.ApplicationCaller(tenantId, scope);
                await caller.RotateCredentialSecretAsync(new RotateCredentialSecretRequest { TenantId = tenantId, ClientId = app.ClientId });
            });
            yield return ("RevokeCredential", async () =>
            {
                var app = await _team.ApplicationCaller(tenantId, scope);
                await caller.RevokeCredentialAsync(new RevokeCredentialRequest { TenantId = tenantId, ClientId = app.ClientId });
            });
            yield break;
        }

        var role = Enum.Parse<MemberRole>(target, ignoreCase: true);
        var other = role == MemberRole.Agent ? MemberRole.Admin : MemberRole.Agent;
        yield return ("AddMember", () => caller.AddMemberAsync(new AddMemberRequest
        {
            TenantId = tenantId,
            DisplayName = "Baru",
            Email = $"{Guid.NewGuid():N}@team.example",
            Role = role,
        }).ResponseAsync);
        yield return ("ChangeMemberRole(from)", async () =>
        {
            var member = await _team.Member(tenantId, role);
            await caller.ChangeMemberRoleAsync(new ChangeMemberRoleRequest { TenantId = tenantId, MemberId = member.MemberId, Role = other });
        });
        yield return ("ChangeMemberRole(to)", async () =>
        {
            var member = await _team.Member(tenantId, other);
            await caller.ChangeMemberRoleAsync(new ChangeMemberRoleRequest { TenantId = tenantId, MemberId = member.MemberId, Role = role });
        });
        yield return ("RemoveMember", async () =>
        {
            var member = await _team.Member(tenantId, role);
            await caller.RemoveMemberAsync(new RemoveMemberRequest { TenantId = tenantId, MemberId = member.MemberId });
        });
        yield return ("CreateCredential", async () =>
        {
            var member = await _team.Member(tenantId, role);
            await caller.CreateCredentialAsync(new CreateCredentialRequest
            {
                TenantId = tenantId,
                Kind = CredentialKind.Member,
                MemberId = member.MemberId,
                Scopes = { "tenant.read" },
                DisplayName = "key",
            });
        });
        yield return ("RotateCredentialSecret", async () =>
        {
            var member = await _team.MemberCaller(tenantId, role);
            await caller.RotateCredentialSecretAsync(new RotateCredentialSecretRequest { TenantId = tenantId, ClientId = member.ClientId });
        });
        yield return ("RevokeCredential", async () =>
        {
            var member = await _team.MemberCaller(tenantId, role);
            await caller.RevokeCredentialAsync(new RevokeCredentialRequest { TenantId = tenantId, ClientId = member.ClientId });
        });
    }
}
