using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Media;

/// <summary>
/// The emulator's media: uploaded and inbound files with Meta's lifetimes, the short-lived download URLs handed
/// out for them, and the files sends referenced (kept after their id expires or is deleted, for inspection).
/// </summary>
internal sealed class MediaLibrary(EmulatorOptions options, TimeProvider clock)
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly ConcurrentDictionary<string, MediaItem> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MediaItem> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DownloadUrl> _urls = new(StringComparer.Ordinal);

    public MediaItem Add(BusinessNumber number, string mimeType, ReadOnlyMemory<byte> bytes, MediaOrigin origin, string? fileName)
    {
        var now = clock.GetUtcNow();
        var lifetime = origin == MediaOrigin.Inbound ? options.InboundMediaLifetime : options.UploadedMediaLifetime;
        var item = new MediaItem(
            Ids.Digits(16),
            number.PhoneNumberId,
            number.WabaId,
            MediaTypes.Normalize(mimeType),
            bytes,
            Convert.ToHexStringLower(SHA256.HashData(bytes.Span)),
            now,
            origin,
            now + lifetime,
            fileName);
        _items[item.Id] = item;
        return item;
    }

    /// <summary>The item while its id is valid; an expired id is dropped on the way.</summary>
    public MediaItem? Find(string id)
    {
        if (!_items.TryGetValue(id, out var item))
        {
            return null;
        }

        if (item.LiveAt(clock.GetUtcNow()))
        {
            return item;
        }

        _items.TryRemove(id, out _);
        return null;
    }

    public bool Delete(string id) => _items.TryRemove(id, out _);

    /// <summary>A lookaside-style URL on the emulator's own host, valid for <see cref="EmulatorOptions.MediaUrlLifetime"/>.</summary>
    public Uri IssueUrl(MediaItem item, Uri host)
    {
        var now = clock.GetUtcNow();
        if (_urls.Count > 10_000)
        {
            foreach (var (key, stale) in _urls.Where(u => u.Value.ExpiresAt <= now))
            {
                _urls.TryRemove(key, out _);
            }
        }

        var hash = "AT" + RandomNumberGenerator.GetString(Alphanumeric, 40);
        var expires = now + options.MediaUrlLifetime;
        _urls[hash] = new DownloadUrl(item.Id, expires);
        var ext = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Uri(host, $"/whatsapp_business/attachments/?mid={item.Id}&ext={ext}&hash={hash}");
    }

    /// <summary>The item behind a download URL while both the URL and the id are valid.</summary>
    public MediaItem? Redeem(string? mediaId, string? hash)
    {
        if (hash is null || !_urls.TryGetValue(hash, out var url) || url.MediaId != mediaId)
        {
            return null;
        }

        if (url.ExpiresAt <= clock.GetUtcNow())
        {
            _urls.TryRemove(hash, out _);
            return null;
        }

        return Find(url.MediaId);
    }

    /// <summary>Keeps a file a send referenced, so tests can read what the business sent after the id is gone.</summary>
    public void KeepSent(MediaItem item) => _sent[item.Id] = item;

    /// <summary>The inspection side: any file the emulator holds or a send referenced, whatever its lifetime.</summary>
    public MediaItem? Inspect(string id) =>
        _items.TryGetValue(id, out var item) ? item : _sent.GetValueOrDefault(id);

    public IReadOnlyList<MediaItem> Live(string? phoneNumberId)
    {
        var now = clock.GetUtcNow();
        return [.. _items.Values
            .Where(i => i.LiveAt(now) && (phoneNumberId is null || i.PhoneNumberId == phoneNumberId))
            .OrderBy(i => i.CreatedAt)];
    }

    /// <summary>Forgets what sends referenced (with the send log); the library itself is setup and stays.</summary>
    public void ResetSent() => _sent.Clear();

    private sealed record DownloadUrl(string MediaId, DateTimeOffset ExpiresAt);
}
