using System.Security.Cryptography;
using System.Text.Json;
using OpenIddict.Abstractions;
using PesanAI.Application.Team;
using PesanAI.Domain.Tenants;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PesanAI.Infrastructure.Identity;

/// <summary>Credentials as OpenIddict applications: confidential clients of the client-credentials grant.</summary>
public sealed class OpenIddictCredentialStore(IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens) : ICredentialStore
{
    /// <summary>Application properties that the token endpoint copies into claims.</summary>
    public const string TenantIdProperty = "tenant_id";
    public const string MemberIdProperty = "member_id";
    public const string KindProperty = "credential_kind";

    public async Task<string> CreateAsync(NewCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var secret = NewSecret();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = credential.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = credential.DisplayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in credential.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        descriptor.Properties[TenantIdProperty] = JsonSerializer.SerializeToElement(credential.TenantId.ToString());
        descriptor.Properties[KindProperty] = JsonSerializer.SerializeToElement(credential.Kind == CredentialKind.Member ? "member" : "application");
        if (credential.MemberId is { } member)
        {
            descriptor.Properties[MemberIdProperty] = JsonSerializer.SerializeToElement(member.ToString());
        }

        await applications.CreateAsync(descriptor, cancellationToken);
        return secret;
    }

    public async Task<string> RotateSecretAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken)
            ?? throw new InvalidOperationException($"The identity store has no client {clientId}.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        var secret = NewSecret();
        descriptor.ClientSecret = secret;
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        return secret;
    }

    public async Task RevokeAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return;
        }

        await tokens.RevokeByApplicationIdAsync((await applications.GetIdAsync(application, cancellationToken))!, cancellationToken);
        await applications.DeleteAsync(application, cancellationToken);
    }

    public async Task RevokeTokensAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is not null)
        {
            await tokens.RevokeByApplicationIdAsync((await applications.GetIdAsync(application, cancellationToken))!, cancellationToken);
        }
    }

    /// <summary>256 random bits, base64url: shown once, stored only as OpenIddict's hash.</summary>
    private static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
