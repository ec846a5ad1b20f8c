using System.Security.Cryptography;
using System.Text;
using Marten;
using PesanAI.Application.Common;

namespace PesanAI.Application.Customers;

/// <summary>
/// What an erasure keeps of a customer's identities and message ids: a keyed hash (HMAC-SHA-256 with the tenant's
/// erasure key), so that Meta's redelivery of an erased message is recognised and an opt-out still holds, while the
/// rows say nothing by themselves. Id: the hash, lowercase hex.
/// </summary>
public sealed record ErasedKey(string Id, ErasedKind Kind, Guid ErasureId, DateTimeOffset ErasedAt)
{
    /// <summary>For an identity: the customer had opted out of marketing when erased.</summary>
    public bool OptedOut { get; init; }
}

public enum ErasedKind
{
    Identity = 1,
    Wamid = 2,
}

/// <summary>The tenant's erasure key (32 random bytes), encrypted at rest. Created with the tenant's first erasure.</summary>
public sealed record ErasureSalt(Guid Id, string ProtectedKey);

/// <summary>The keyed hashes of <see cref="ErasedKey"/>, with the tenant's key read (or made) once per session.</summary>
public sealed class ErasureHashes(ISecretProtector secrets)
{
    public static Guid SaltId(Guid tenantId) => Domain.Common.NameBasedGuid.From("pesanai:erasure-salt:" + tenantId.ToString("D"));

    /// <summary>The tenant's key, made and stored in the session if the tenant has none yet.</summary>
    public async Task<ErasureKeyring> OpenOrCreateAsync(IDocumentSession session, Guid tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (await OpenAsync(session, tenantId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var key = RandomNumberGenerator.GetBytes(32);
        session.Insert(new ErasureSalt(SaltId(tenantId), secrets.Protect(Convert.ToBase64String(key))));
        return new ErasureKeyring(key);
    }

    /// <summary>The tenant's key; null while the tenant never erased anyone (then nothing is erased to look for).</summary>
    public async Task<ErasureKeyring?> OpenAsync(IQuerySession session, Guid tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var salt = await session.LoadAsync<ErasureSalt>(SaltId(tenantId), cancellationToken);
        return Open(salt);
    }

    public ErasureKeyring? Open(ErasureSalt? salt) => salt is null ? null : new ErasureKeyring(Convert.FromBase64String(secrets.Unprotect(salt.ProtectedKey)));
}

/// <summary>One tenant's erasure key in hand.</summary>
public sealed class ErasureKeyring(byte[] key)
{
    public string Identity(string value) => Hash("identity:" + value);

    public string Wamid(string wamid) => Hash("wamid:" + wamid);

    private string Hash(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));
}
