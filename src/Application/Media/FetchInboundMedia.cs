using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Media;

namespace PesanAI.Application.Media;

/// <summary>How inbound media fetches retry: exponential from <see cref="RetryBase"/> up to <see cref="RetryMax"/>, with jitter.</summary>
public sealed record MediaFetchSettings(TimeSpan RetryBase, TimeSpan RetryMax)
{
    public static MediaFetchSettings Default { get; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(30));
}

/// <summary>What one fetch came to: done (stored or given up), or to be tried again at <see cref="RetryAt"/>.</summary>
public sealed record MediaFetchResult(MediaState State, DateTimeOffset? RetryAt = null, string? Reason = null);

/// <summary>
/// Fetches one customer's media file from Meta into the tenant's media store: <c>GET /{media-id}</c> for the URL, MIME
/// type, size and SHA-256, then the URL with the number's token, checked while it streams into the store.
/// <see cref="Attempts"/> is how many tries came before this one.
/// </summary>
public sealed record FetchInboundMedia(Guid TenantId, Guid MediaId, int Attempts) : ICommand<MediaFetchResult>;

/// <summary>
/// Transient failures (timeouts, 5xx, 429, a cut connection) are tried again with backoff until Meta's id can no
/// longer work; bytes that are not what Meta announced (size, SHA-256) and ids Meta no longer has are given up at
/// once, with the reason on a <see cref="MediaUnavailable"/> event. Bytes that fail a check are never stored.
/// </summary>
public sealed class FetchInboundMediaHandler(
    IDocumentStore store,
    IMediaStore media,
    IWhatsAppMedia meta,
    IMediaFetchQueue queue,
    ISecretProtector secrets,
    MediaFetchSettings settings,
    TimeProvider clock) : ICommandHandler<FetchInboundMedia, MediaFetchResult>
{
    public async ValueTask<MediaFetchResult> Handle(FetchInboundMedia command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var session = store.LightweightSession(command.TenantId.ToString());
        var item = await session.LoadAsync<MediaItem>(command.MediaId, cancellationToken);
        if (item is not { State: MediaState.Pending, Origin: MediaOrigin.Inbound })
        {
            // Already done (a second node or a redo got here first), or not an inbound fetch at all.
            if (item is null || item.State != MediaState.Pending)
            {
                queue.Complete(session, command.MediaId);
                await session.SaveChangesAsync(cancellationToken);
            }

            return new MediaFetchResult(item?.State ?? MediaState.Unavailable);
        }

        var tenant = await TenantStream.Load(session, command.TenantId, cancellationToken);
        if (tenant.FindPhoneNumber(item.PhoneNumberId!) is not { } number)
        {
            return await GiveUpAsync(session, item, "NUMBER_REMOVED", cancellationToken);
        }

        var account = new SenderAccount(number.PhoneNumberId, number.WabaId, secrets.Unprotect(number.ProtectedAccessToken));
        try
        {
            var stored = await FetchAsync(command.TenantId, item, account, cancellationToken);
            return await StoreAsync(session, item, stored, cancellationToken);
        }
        catch (MediaFetchException ex) when (ex.Failure is MediaFetchFailure.Gone or MediaFetchFailure.Refused)
        {
            return await GiveUpAsync(session, item, ex.Failure == MediaFetchFailure.Gone ? "EXPIRED_AT_META" : "URL_REFUSED", cancellationToken);
        }
        catch (MediaRejectedException ex)
        {
            return await GiveUpAsync(session, item, ex.Reason switch
            {
                MediaRejection.TooLarge => "TOO_LARGE",
                MediaRejection.SizeMismatch => "SIZE_MISMATCH",
                _ => "SHA256_MISMATCH",
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is MediaFetchException or IOException or HttpRequestException or UnavailableException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var now = clock.GetUtcNow();
            var retryAt = now + Backoff(command.Attempts + 1);
            if (retryAt >= item.FetchableUntil)
            {
                return await GiveUpAsync(session, item, "DOWNLOAD_FAILED", cancellationToken);
            }

            var reason = ex is MediaFetchException fetch ? fetch.Message : ex.GetType().Name;
            await queue.RetryAsync(item.Id, retryAt, reason, cancellationToken);
            return new MediaFetchResult(MediaState.Pending, retryAt, reason);
        }
    }

    private async Task<StoredMedia> FetchAsync(Guid tenantId, MediaItem item, SenderAccount account, CancellationToken cancellationToken)
    {
        var info = await meta.GetInfoAsync(account, item.MetaMediaId!, cancellationToken);
        var maxBytes = MediaLimits.MaxBytes(item.Type);
        if (info.Size > maxBytes)
        {
            throw new MediaRejectedException(MediaRejection.TooLarge, $"Meta announced {info.Size} bytes; a {item.Type} may have {maxBytes}.");
        }

        var expectation = new MediaExpectation(maxBytes, info.Size, info.Sha256 ?? item.AnnouncedSha256);
        Stream bytes;
        try
        {
            bytes = await meta.DownloadAsync(account, info.Url, cancellationToken);
        }
        catch (MediaFetchException ex) when (ex.Failure == MediaFetchFailure.UrlExpired)
        {
            // Meta's URLs live minutes: a fresh one from the id, once.
            info = await meta.GetInfoAsync(account, item.MetaMediaId!, cancellationToken);
            bytes = await meta.DownloadAsync(account, info.Url, cancellationToken);
        }

        await using (bytes)
        {
            return await media.PutAsync(tenantId, bytes, expectation, cancellationToken);
        }
    }

    private async Task<MediaFetchResult> StoreAsync(IDocumentSession session, MediaItem item, StoredMedia stored, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        session.Store(item with { State = MediaState.Stored, StoreKey = stored.Key, Size = stored.Size, Sha256 = stored.Sha256, StoredAt = now });
        session.Events.Append(item.ConversationId!.Value, new MediaStored(
            item.ConversationId.Value, item.Wamid!, item.Id, item.MetaMediaId!, stored.Key, item.MimeType, stored.Size, stored.Sha256, now));
        queue.Complete(session, item.Id);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Not recorded: the bytes must not stay behind unreferenced; the fetch runs again.
            await media.DeleteAsync(Guid.Parse(session.TenantId), stored.Key, CancellationToken.None);
            throw;
        }

        return new MediaFetchResult(MediaState.Stored);
    }

    private async Task<MediaFetchResult> GiveUpAsync(IDocumentSession session, MediaItem item, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        session.Store(item with { State = MediaState.Unavailable, Reason = reason });
        session.Events.Append(item.ConversationId!.Value, new MediaUnavailable(item.ConversationId.Value, item.Wamid!, item.Id, item.MetaMediaId!, reason, now));
        queue.Complete(session, item.Id);
        await session.SaveChangesAsync(cancellationToken);
        return new MediaFetchResult(MediaState.Unavailable, Reason: reason);
    }

    /// <summary>Exponential, capped, with "equal jitter" (half fixed, half random) so that many failed fetches spread out.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = settings.RetryBase.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = Math.Min(exponential, settings.RetryMax.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }
}
