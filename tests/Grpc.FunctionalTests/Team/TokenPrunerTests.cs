using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using PesanAI.Infrastructure.Identity;

namespace PesanAI.FunctionalTests.Team;

public sealed class TokenPrunerTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    [Fact]
    public async Task Token_entries_expired_more_than_a_day_ago_are_pruned_and_current_ones_kept()
    {
        var old = await TokenId();
        var current = await TokenId();
        await Execute("update auth.\"OpenIddictTokens\" set \"CreationDate\" = now() - interval '3 days', \"ExpirationDate\" = now() - interval '2 days' where \"Id\" = @id", old);

        var pruned = await app.Services.GetRequiredService<TokenPruner>().PruneOnceAsync(CancellationToken.None);

        Assert.True(pruned >= 1);
        Assert.Equal(0, await Execute("select count(*) from auth.\"OpenIddictTokens\" where \"Id\" = @id", old));
        Assert.Equal(1, await Execute("select count(*) from auth.\"OpenIddictTokens\" where \"Id\" = @id", current));
    }

    private async Task<string> TokenId()
    {
        var (_, token, _) = await TokenRequests.Request(app, PesanAiApp.OperatorClientId, PesanAiApp.OperatorClientSecret);
        return new JsonWebToken(token).GetClaim("oi_tkn_id").Value;
    }

    private async Task<long> Execute(string sql, string id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return sql.StartsWith("select", StringComparison.Ordinal)
            ? (long)(await command.ExecuteScalarAsync())!
            : await command.ExecuteNonQueryAsync();
    }
}
