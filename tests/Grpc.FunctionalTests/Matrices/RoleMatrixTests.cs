extern alias client;

using Empty = Google.Protobuf.WellKnownTypes.Empty;
using Grpc.Core;
using PesanAI.Domain.Tenants;
using PesanAI.FunctionalTests.Team;
using ProtoRole = client::PesanAI.Protos.Tenants.V1.MemberRole;

namespace PesanAI.FunctionalTests.Matrices;

/// <summary>Every role (and the operator, and a narrow application credential) × every RPC: allowed or PERMISSION_DENIED, as the permission table says.</summary>
public sealed class RoleMatrixTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    [Fact]
    public void Every_rpc_has_an_entry_in_the_permission_table_and_every_entry_is_an_rpc()
    {
        var declared = RpcCatalog.DeclaredMethods().Select(m => $"{m.Service}/{m.Method}").ToList();

        Assert.NotEmpty(declared);
        Assert.All(declared, rpc => Assert.True(RpcCatalog.Entries.ContainsKey(rpc), $"{rpc} has no entry in RpcCatalog (and the README's permission table)"));
        Assert.All(RpcCatalog.Entries.Keys, rpc => Assert.Contains(rpc, declared));
    }

    [Fact]
    public async Task Every_caller_is_allowed_exactly_what_its_scopes_give()
    {
        var team = new TeamBuilder(app);
        var tenant = await team.Tenant("Toko Matriks");
        var callers = new List<(string Name, IReadOnlySet<string> Scopes, string Token)>();
        foreach (var role in new[] { ProtoRole.Owner, ProtoRole.Admin, ProtoRole.Agent, ProtoRole.Auditor })
        {
            var caller = await team.MemberCaller(tenant.Id, role);
            var scopes = TenantScopes.Of(Enum.Parse<Domain.Tenants.MemberRole>(role.ToString())).ToHashSet();
            callers.Add((role.ToString(), scopes, await Token(caller.ClientId, caller.Secret)));
        }

        var reader = await team.ApplicationCaller(tenant.Id, "tenant.read");
        callers.Add(("application(tenant.read)", new HashSet<string> { "tenant.read" }, await Token(reader.ClientId, reader.Secret)));
        callers.Add(("operator", new HashSet<string> { RpcCatalog.Platform }, await Token(PesanAiApp.OperatorClientId, PesanAiApp.OperatorClientSecret)));

        var channel = app.RawChannel();
        var wrong = new List<string>();
        foreach (var (name, scopes, token) in callers)
        {
            foreach (var (service, method, streaming) in RpcCatalog.DeclaredMethods())
            {
                var entry = RpcCatalog.Entries[$"{service}/{method}"];
                var allowed = entry.OwnerOrOperator
                    ? name is "Owner" or "operator"
                    : scopes.Contains(entry.Policy) || (scopes.Contains(RpcCatalog.Platform) && entry.Policy is TenantScopes.TenantRead or TenantScopes.TenantManage);

                // An empty request: authorization is decided before the request is looked at, and an empty
                // request changes nothing anywhere (every write needs fields).
                var (code, _) = await RawRpc.Call(channel, service, method, streaming, new Empty(), token);

                var ok = allowed ? code is not (StatusCode.PermissionDenied or StatusCode.Unauthenticated) : code == StatusCode.PermissionDenied;
                if (!ok)
                {
                    wrong.Add($"{name} -> {method}: {code} (expected {(allowed ? "allowed" : "PERMISSION_DENIED")})");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private async Task<string> Token(string clientId, string secret)
    {
        var (_, token, error) = await TokenRequests.Request(app, clientId, secret);
        return token ?? throw new InvalidOperationException($"no token for {clientId}: {error}");
    }
}
