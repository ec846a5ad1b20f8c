extern alias client;

using client::PesanAI.Protos.Tenants.V1;
using PesanAI.FunctionalTests.Team;

namespace PesanAI.FunctionalTests.Input;

/// <summary>Tokens of the operator and of a tenant owner (every tenant scope), so that any RPC gets past authorization.</summary>
internal sealed record InputCallers(string OperatorToken, string OwnerToken)
{
    public static async Task<InputCallers> CreateAsync(PesanAiApp app)
    {
        var team = new TeamBuilder(app);
        var tenant = await team.Tenant("Toko Masukan");
        var owner = await team.MemberCaller(tenant.Id, MemberRole.Owner);
        return new InputCallers(await Token(app, PesanAiApp.OperatorClientId, PesanAiApp.OperatorClientSecret), await Token(app, owner.ClientId, owner.Secret));
    }

    public string For(bool operatorOnly) => operatorOnly ? OperatorToken : OwnerToken;

    private static async Task<string> Token(PesanAiApp app, string clientId, string secret)
    {
        var (_, token, error) = await TokenRequests.Request(app, clientId, secret);
        return token ?? throw new InvalidOperationException($"no token for {clientId}: {error}");
    }
}
