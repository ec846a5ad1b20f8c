namespace PesanAI.Application.Media;

/// <summary>
/// Where media bytes live, encrypted with the tenant's key. Streams in both directions: an implementation never holds
/// a whole file in memory. Keys are opaque and carry no personal data; they are scoped to one tenant.
/// </summary>
public interface IMediaStore
{
    /// <summary>
    /// Reads <paramref name="content"/> to its end and stores it under a new key, or stores nothing and throws
    /// <see cref="MediaRejectedException"/> when the bytes break <paramref name="expectation"/> (too large, not the
    /// announced size, not the announced SHA-256). Nothing is visible under the key until the bytes passed.
    /// </summary>
    Task<StoredMedia> PutAsync(Guid tenantId, Stream content, MediaExpectation expectation, CancellationToken cancellationToken);

    /// <summary>The plaintext bytes, streamed; <see cref="MediaMissingException"/> when the key holds nothing for the tenant.</summary>
    Task<Stream> OpenReadAsync(Guid tenantId, string key, CancellationToken cancellationToken);

    /// <summary>Removes the bytes; deleting a key that holds nothing is not an error.</summary>
    Task DeleteAsync(Guid tenantId, string key, CancellationToken cancellationToken);
}

/// <summary>What the stored bytes were: their key, size and SHA-256 (lowercase hex) of the plaintext.</summary>
public sealed record StoredMedia(string Key, long Size, string Sha256);

/// <summary>What the bytes must be: at most <see cref="MaxBytes"/>, and when announced, exactly this size and hash (hex or base64).</summary>
public sealed record MediaExpectation(long MaxBytes, long? Size = null, string? Sha256 = null);

public enum MediaRejection
{
    TooLarge,
    SizeMismatch,
    Sha256Mismatch,
}

public sealed class MediaRejectedException(MediaRejection reason, string message) : Exception(message)
{
    public MediaRejection Reason { get; } = reason;
}

public sealed class MediaMissingException(string message) : Exception(message);
