using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace PesanAI.Infrastructure.Identity;

/// <summary>Lets the token endpoint spend on an unknown client id what a known one costs.</summary>
public interface IUnknownClientCost
{
    /// <summary>Checks the secret against a secret nobody holds, with the same hashing as a real check.</summary>
    ValueTask SpendSecretCheckAsync(string secret, CancellationToken cancellationToken);
}

/// <summary>
/// OpenIddict's application manager, plus a secret check against a throwaway hash: without it an unknown client id
/// is refused in about a millisecond and a known one only after hashing the secret, so timing tells which ids exist.
/// </summary>
public sealed class EqualCostApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store), IUnknownClientCost
    where TApplication : class
{
    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static string? _throwawayHash;

    public async ValueTask SpendSecretCheckAsync(string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var comparand = _throwawayHash ?? await ThrowawayHashAsync(cancellationToken);
        await ValidateClientSecretAsync(secret, comparand, cancellationToken);
    }

    private async ValueTask<string> ThrowawayHashAsync(CancellationToken cancellationToken)
    {
        await Creating.WaitAsync(cancellationToken);
        try
        {
            return _throwawayHash ??= await ObfuscateClientSecretAsync(Guid.NewGuid().ToString("N"), cancellationToken);
        }
        finally
        {
            Creating.Release();
        }
    }
}
