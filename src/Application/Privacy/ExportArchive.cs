using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using PesanAI.Application.Media;

namespace PesanAI.Application.Privacy;

/// <summary>
/// An export that is authorized and recorded in the access audit, not yet written: its file name, and the writer of
/// its bytes. The RPC sends the name, then lets the writer stream the archive, so a refusal (NOT_FOUND,
/// PERMISSION_DENIED) ends the call before any message.
/// </summary>
public sealed record PreparedExport(string Filename, Func<Stream, CancellationToken, Task> WriteAsync);

/// <summary>
/// A portable export: a ZIP archive of JSON files (UTF-8, camelCase, enums as strings, times in ISO 8601) and media
/// files, written entry by entry to a forward-only stream (nothing is held whole in memory). <c>manifest.json</c>,
/// written last, lists every entry; the layouts are documented in the README's "Your data".
/// </summary>
public sealed class ExportArchive : IAsyncDisposable
{
    /// <summary>The layout's version, in <c>manifest.json</c> and the RPC's first message.</summary>
    public const int LayoutVersion = 1;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly ZipArchive _zip;
    private readonly string _kind;
    private readonly DateTimeOffset _createdAt;
    private readonly List<string> _entries = [];

    private ExportArchive(ZipArchive zip, string kind, DateTimeOffset createdAt)
    {
        _zip = zip;
        _kind = kind;
        _createdAt = createdAt;
    }

    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Starts an archive of <paramref name="kind"/> ("customer", "tenant") on a forward-only stream.</summary>
    public static async Task<ExportArchive> CreateAsync(Stream destination, string kind, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var zip = await ZipArchive.CreateAsync(destination, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        return new ExportArchive(zip, kind, createdAt);
    }

    public async Task AddJsonAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        var entry = Start(path, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await JsonSerializer.SerializeAsync(stream, value, Json, cancellationToken);
    }

    /// <summary>Copies a file's bytes in (stored, not compressed: media is compressed already).</summary>
    public async Task AddFileAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var entry = Start(path, CompressionLevel.NoCompression);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await content.CopyToAsync(stream, cancellationToken);
    }

    /// <summary>A stored media file's bytes, decrypted; one deleted meanwhile is left out (its description stays in media.json).</summary>
    public async Task AddStoredMediaAsync(IMediaStore media, Guid tenantId, MediaItem item, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(item);
        if (item.State != MediaState.Stored || item.StoreKey is null)
        {
            return;
        }

        Stream bytes;
        try
        {
            bytes = await media.OpenReadAsync(tenantId, item.StoreKey, cancellationToken);
        }
        catch (MediaMissingException)
        {
            return;
        }

        await using (bytes)
        {
            await AddFileAsync(path, bytes, cancellationToken);
        }
    }

    /// <summary>Writes <c>manifest.json</c> and the ZIP's central directory.</summary>
    public async Task CompleteAsync(object subject, CancellationToken cancellationToken)
    {
        var entries = _entries.ToArray();
        await AddJsonAsync("manifest.json", new { LayoutVersion, Kind = _kind, CreatedAt = _createdAt, Subject = subject, Entries = entries }, cancellationToken);
        await _zip.DisposeAsync();
    }

    public ValueTask DisposeAsync() => _zip.DisposeAsync();

    private ZipArchiveEntry Start(string path, CompressionLevel level)
    {
        if (_entries.Contains(path, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The archive already holds {path}.", nameof(path));
        }

        _entries.Add(path);
        var entry = _zip.CreateEntry(path, level);
        entry.LastWriteTime = _createdAt;
        return entry;
    }
}
