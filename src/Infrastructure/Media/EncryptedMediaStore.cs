using System.Security.Cryptography;
using PesanAI.Application.Media;

namespace PesanAI.Infrastructure.Media;

/// <summary>
/// <see cref="IMediaStore"/> over a blob store: bytes sealed with the tenant's key (<see cref="TenantMediaKeys"/>,
/// <see cref="MediaCipher"/>) on the way in, checked against the expectation before the blob store commits, and opened
/// on the way out only for the tenant whose key they name. Keys are <c>{tenant id}/{Guid v7}</c>: no personal data.
/// </summary>
public sealed class EncryptedMediaStore(IMediaBlobStore blobs, TenantMediaKeys keys) : IMediaStore
{
    public async Task<StoredMedia> PutAsync(Guid tenantId, Stream content, MediaExpectation expectation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentOutOfRangeException.ThrowIfNegative(expectation.MaxBytes);
        var sha256 = expectation.Sha256 is null ? null : MediaDigest.Parse(expectation.Sha256);
        if (expectation.Size > expectation.MaxBytes)
        {
            throw new MediaRejectedException(MediaRejection.TooLarge, $"The announced size {expectation.Size} is over the limit of {expectation.MaxBytes} bytes.");
        }

        var key = await keys.GetOrCreateAsync(tenantId, cancellationToken);
        var storeKey = $"{tenantId:N}/{Guid.CreateVersion7():N}";
        await using var sealing = new EncryptingStream(content, key.Key, key.Id, expectation.MaxBytes, expectation.Size);
        await blobs.WriteAsync(tenantId, storeKey, sealing, _ => Check(sealing, expectation, sha256), cancellationToken);
        return new StoredMedia(storeKey, sealing.Size, Convert.ToHexStringLower(sealing.Sha256));
    }

    public async Task<Stream> OpenReadAsync(Guid tenantId, string key, CancellationToken cancellationToken)
    {
        var ciphertext = IsTenantKey(tenantId, key) ? await blobs.OpenReadAsync(tenantId, key, cancellationToken) : null;
        if (ciphertext is null)
        {
            throw new MediaMissingException("No media is stored under this key for the tenant.");
        }

        try
        {
            var header = await DecryptingStream.ReadHeaderAsync(ciphertext, cancellationToken);
            var tenantKey = await keys.FindAsync(tenantId, cancellationToken);
            return tenantKey is not null && tenantKey.Id == MediaCipher.KeyIdOf(header)
                ? new DecryptingStream(ciphertext, header, tenantKey.Key)
                : throw new MediaMissingException("The media was erased: the tenant's key that sealed it no longer exists.");
        }
        catch
        {
            await ciphertext.DisposeAsync();
            throw;
        }
    }

    public async Task DeleteAsync(Guid tenantId, string key, CancellationToken cancellationToken)
    {
        if (IsTenantKey(tenantId, key))
        {
            await blobs.DeleteAsync(tenantId, key, cancellationToken);
        }
    }

    /// <summary>Whether <paramref name="key"/> is one of this store's keys under the tenant: another tenant's is no key of its.</summary>
    private static bool IsTenantKey(Guid tenantId, string key) =>
        key is { Length: 65 } && key[32] == '/'
        && Guid.TryParseExact(key.AsSpan(0, 32), "N", out var owner) && owner == tenantId
        && Guid.TryParseExact(key.AsSpan(33), "N", out _);

    private static Task Check(EncryptingStream sealing, MediaExpectation expectation, byte[]? sha256)
    {
        if (!sealing.Completed)
        {
            throw new InvalidOperationException("The blob store committed before reading the media to its end.");
        }

        if (expectation.Size is { } size && sealing.Size != size)
        {
            throw new MediaRejectedException(MediaRejection.SizeMismatch, $"The media has {sealing.Size} bytes, {size} were announced.");
        }

        if (sha256 is not null && !CryptographicOperations.FixedTimeEquals(sha256, sealing.Sha256))
        {
            throw new MediaRejectedException(MediaRejection.Sha256Mismatch, "The media's SHA-256 is not the announced one.");
        }

        return Task.CompletedTask;
    }
}
