using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using PesanAI.Host.Hosting;
using PesanAI.Infrastructure;

namespace PesanAI.Host.Auth;

public static class AuthSetup
{
    /// <summary>
    /// OpenIddict as the authorization server inside the host (client-credentials grant, JWT access tokens,
    /// a fixed issuer) and as the validator of every call's bearer token.
    /// </summary>
    public static IServiceCollection AddPesanAiAuth(this IServiceCollection services, HostSettings settings)
    {
        services.AddOpenIddict()
            .AddServer(options =>
            {
                options.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'));
                options.AllowClientCredentialsFlow();
                options.SetIssuer(new Uri(settings.Issuer));
                options.RegisterScopes([.. Scopes.All]);
                options.IgnoreScopePermissions();
                options.SetAccessTokenLifetime(TimeSpan.FromHours(1));
                foreach (var handler in UnknownClients.Handlers)
                {
                    options.AddEventHandler(handler);
                }

                // Access tokens are signed JWTs (not encrypted) with the persisted key (PersistedSigningKey);
                // the encryption key protects nothing that outlives the process in the client-credentials flow.
                options.AddEphemeralEncryptionKey();
                options.DisableAccessTokenEncryption();

                // TLS is terminated in front of PesanAI in production; the loopback defaults are plain HTTP.
                options.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseAspNetCore();

                // Every call looks its token up: a revoked credential's tokens fail on their next call. The lookup is
                // TokenEntryValidation's single prepared query, not OpenIddict's EF Core store.
                options.EnableTokenEntryValidation();
                foreach (var replaced in TokenEntryValidation.Replaced)
                {
                    options.RemoveEventHandler(replaced);
                }

                options.AddEventHandler(TokenEntryValidation.Descriptor);
            });

        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, PersistedSigningKey>();
        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
                context.User.HasScope(scope) || (Policies.OperatorMay.Contains(scope) && context.User.HasScope(Scopes.Platform))));
        }

        authorization.AddPolicy(Policies.CustomerPrivacy, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
            context.User.HasScope(Policies.PrivacyManage)));

        services.AddSettings<TokenFailureOptions>();
        services.AddSingleton<TokenFailureLimit>();
        services.AddHostedService<OperatorCredentialSeeder>();
        return services;
    }
}
