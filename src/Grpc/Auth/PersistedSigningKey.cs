using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using PesanAI.Infrastructure.Identity;

namespace PesanAI.Host.Auth;

/// <summary>Signs access tokens with the key kept in the identity store, so they outlive a restart.</summary>
public sealed class PersistedSigningKey(TokenSigningKeys keys) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (keyId, key) = keys.LoadOrCreate();
        options.SigningCredentials.Add(new SigningCredentials(new RsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256));
    }
}
