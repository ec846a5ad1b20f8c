namespace PesanAI.Infrastructure.Media;

/// <summary>
/// Where <see cref="EncryptedMediaStore"/> puts ciphertext: opaque bytes under a key, streamed both ways. Only
/// Infrastructure uses it; Application sees <see cref="Application.Media.IMediaStore"/>.
/// </summary>
public interface IMediaBlobStore
{
    /// <summary>
    /// Reads <paramref name="content"/> to its end, then calls <paramref name="beforeCommit"/>, then makes the bytes
    /// visible under <paramref name="key"/>. If reading or the check throws, nothing is left under the key.
    /// </summary>
    Task WriteAsync(Guid tenantId, string key, Stream content, Func<CancellationToken, Task> beforeCommit, CancellationToken cancellationToken);

    /// <summary>The bytes, streamed; null when the key holds nothing for the tenant.</summary>
    Task<Stream?> OpenReadAsync(Guid tenantId, string key, CancellationToken cancellationToken);

    /// <summary>Removes the bytes; a key that holds nothing is not an error.</summary>
    Task DeleteAsync(Guid tenantId, string key, CancellationToken cancellationToken);
}
