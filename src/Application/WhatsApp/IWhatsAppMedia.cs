namespace PesanAI.Application.WhatsApp;

/// <summary>What Meta says of a media id: a short-lived download URL and what the bytes must be.</summary>
public sealed record MetaMediaInfo(Uri Url, string MimeType, string? Sha256, long? Size);

public enum MediaFetchFailure
{
    /// <summary>Worth trying again later: a timeout, 5xx, 429, a broken connection.</summary>
    Transient,

    /// <summary>Meta no longer has the id (or never had it for this number).</summary>
    Gone,

    /// <summary>The download URL expired: get a fresh one from the id.</summary>
    UrlExpired,

    /// <summary>The URL points where PesanAI may not connect (a private address): retrying changes nothing.</summary>
    Refused,
}

public sealed class MediaFetchException(MediaFetchFailure failure, string reason, Exception? inner = null) : Exception(reason, inner)
{
    public MediaFetchFailure Failure { get; } = failure;
}

/// <summary>Meta's media API: read what an id is, download its bytes, upload bytes for a number.</summary>
public interface IWhatsAppMedia
{
    /// <summary><c>GET /{media-id}?phone_number_id=</c>; <see cref="MediaFetchException"/> when it fails.</summary>
    Task<MetaMediaInfo> GetInfoAsync(SenderAccount account, string metaMediaId, CancellationToken cancellationToken);

    /// <summary>The bytes behind a URL from <see cref="GetInfoAsync"/>, streamed (the caller disposes); <see cref="MediaFetchException"/> when it fails.</summary>
    Task<Stream> DownloadAsync(SenderAccount account, Uri url, CancellationToken cancellationToken);

    /// <summary>
    /// <c>POST /{phone-number-id}/media</c>; returns Meta's id. <see cref="GraphApiException"/> when Meta refuses the
    /// file, <c>UnavailableException</c> when Meta cannot be reached.
    /// </summary>
    Task<string> UploadAsync(SenderAccount account, Stream content, string mimeType, string? filename, CancellationToken cancellationToken);
}
