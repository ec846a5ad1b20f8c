extern alias client;

using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using client::PesanAI.Protos.Tenants.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenIddict.Server;

namespace PesanAI.FunctionalTests;

public sealed class AuthenticationTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly TenantService.TenantServiceClient _anonymous = new(app.RawChannel());

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        await RpcAssert.Fails(StatusCode.Unauthenticated,
            () => _anonymous.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Tanpa Token" }).ResponseAsync);
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    public async Task A_malformed_token_is_unauthenticated(string authorization)
    {
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => _anonymous.ListTenantsAsync(
            new ListTenantsRequest(), new Metadata { { "authorization", authorization } }).ResponseAsync);
    }

    [Fact]
    public async Task A_token_signed_by_the_server_is_accepted_the_same_token_expired_or_from_another_issuer_is_not()
    {
        // The control proves the forged tokens below fail for the one thing that differs, not for their shape.
        var valid = await Forge(app.Issuer, DateTime.UtcNow.AddMinutes(5), ServerKey(), "platform");
        await _anonymous.ListTenantsAsync(new ListTenantsRequest(), Bearer(valid));

        var foreignIssuer = await Forge("https://issuer.example/", DateTime.UtcNow.AddMinutes(5), ServerKey(), "platform");
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => _anonymous.ListTenantsAsync(new ListTenantsRequest(), Bearer(foreignIssuer)).ResponseAsync);

        using var otherKey = RSA.Create(2048);
        var foreignKey = await Forge(app.Issuer, DateTime.UtcNow.AddMinutes(5), new SigningCredentials(new RsaSecurityKey(otherKey), SecurityAlgorithms.RsaSha256), "platform");
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => _anonymous.ListTenantsAsync(new ListTenantsRequest(), Bearer(foreignKey)).ResponseAsync);
    }

    [Fact]
    public async Task A_token_stays_valid_on_another_node_of_the_same_database()
    {
        var token = await RealToken();

        var (node, address) = await app.StartAnotherNodeAsync();
        await using (node)
        {
            using var channel = GrpcChannel.ForAddress(address);
            var tenants = new TenantService.TenantServiceClient(channel);

            var created = await tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Node Kedua" }, Bearer(token));

            Assert.Equal("Node Kedua", created.DisplayName);
            await node.StopAsync();
        }
    }

    [Fact]
    public async Task An_expired_token_is_unauthenticated()
    {
        // Tokens have entries in the identity store, which is the authority on expiry: age this one there,
        // and in its own exp claim, as an hour would.
        var real = await RealToken();
        await _anonymous.ListTenantsAsync(new ListTenantsRequest(), Bearer(real));
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var age = new NpgsqlCommand(
                "update auth.\"OpenIddictTokens\" set \"ExpirationDate\" = now() - interval '1 minute' where \"Id\" = @id", connection);
            age.Parameters.AddWithValue("id", new JsonWebToken(real).GetClaim("oi_tkn_id").Value);
            Assert.Equal(1, await age.ExecuteNonQueryAsync());
        }

        var expired = await Forge(app.Issuer, DateTime.UtcNow.AddMinutes(-1), ServerKey(), "platform", real);

        await RpcAssert.Fails(StatusCode.Unauthenticated, () => _anonymous.ListTenantsAsync(new ListTenantsRequest(), Bearer(real)).ResponseAsync);
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => _anonymous.ListTenantsAsync(new ListTenantsRequest(), Bearer(expired)).ResponseAsync);
    }

    [Fact]
    public async Task A_valid_token_without_the_platform_scope_is_permission_denied()
    {
        var token = await Forge(app.Issuer, DateTime.UtcNow.AddMinutes(5), ServerKey(), scope: null);

        await RpcAssert.Fails(StatusCode.PermissionDenied,
            () => _anonymous.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Tanpa Izin" }, Bearer(token)).ResponseAsync);
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_wrong_secret_and_an_unknown_scope()
    {
        using var http = app.Http();

        var wrongSecret = await http.PostAsync("/connect/token", Form(PesanAiApp.OperatorClientSecret + "x", "platform"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal("invalid_client", await ErrorOf(wrongSecret));

        var unknownScope = await http.PostAsync("/connect/token", Form(PesanAiApp.OperatorClientSecret, "platform everything"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownScope.StatusCode);
        Assert.Equal("invalid_scope", await ErrorOf(unknownScope));

        var granted = await http.PostAsync("/connect/token", Form(PesanAiApp.OperatorClientSecret, "platform"));
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        using var body = JsonDocument.Parse(await granted.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.True(body.RootElement.GetProperty("expires_in").GetInt32() > 0);
    }

    private SigningCredentials ServerKey() =>
        app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials
            .First(c => c.Key is AsymmetricSecurityKey);

    /// <summary>
    /// A copy of a real token (same claims, so the same token entry in the identity store) with the issuer,
    /// expiry, scope or signing key changed: the only thing that differs is what a test varies.
    /// </summary>
    private async Task<string> Forge(string issuer, DateTime expires, SigningCredentials key, string? scope, string? from = null)
    {
        var real = new JsonWebToken(from ?? await RealToken());
        var claims = real.Claims
            .Where(c => c.Type is not ("iss" or "exp" or "iat" or "nbf" or "scope"))
            .ToList();
        if (scope is not null)
        {
            claims.Add(new Claim("scope", scope));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expires.AddMinutes(-30),
            NotBefore = expires.AddMinutes(-30),
            Expires = expires,
            TokenType = "at+jwt",
            SigningCredentials = key,
        });
    }

    private async Task<string> RealToken()
    {
        using var http = app.Http();
        var response = await http.PostAsync("/connect/token", Form(PesanAiApp.OperatorClientSecret, "platform"));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    private static FormUrlEncodedContent Form(string secret, string scope) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = PesanAiApp.OperatorClientId,
        ["client_secret"] = secret,
        ["scope"] = scope,
    });

    private static async Task<string?> ErrorOf(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetString();
    }
}
