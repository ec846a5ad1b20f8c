using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using PesanAI.Application.Media;
using PesanAI.Infrastructure.Media;
using Xunit.Abstractions;

namespace PesanAI.Application.Tests.Media;

/// <summary>Every rule of <see cref="IMediaStore"/>, over each blob store (one subclass each) and a real PostgreSQL for the keys.</summary>
public abstract class MediaStoreContract(ITestOutputHelper output)
{
    private const long Limit = 64L * 1024 * 1024;

    /// <summary>Exercises the blob store's large-object path (PostgreSQL: several chunks; S3: a multipart upload).</summary>
    protected const int Large = S3MediaBlobStore.PartSize + PostgresMediaBlobStore.ChunkSize + 12_345;

    protected abstract IMediaBlobStore Blobs { get; }

    protected abstract TenantMediaKeys Keys { get; }

    /// <summary>The ciphertext as stored, or null when nothing is stored under the key.</summary>
    protected abstract Task<byte[]?> RawAsync(Guid tenantId, string key);

    /// <summary>Replaces the stored ciphertext, as someone with access to the storage could.</summary>
    protected abstract Task ReplaceRawAsync(Guid tenantId, string key, byte[] ciphertext);

    /// <summary>How many objects (S3) or keys (PostgreSQL) are stored for the tenant, bytes still being uploaded included.</summary>
    protected abstract Task<int> StoredCountAsync(Guid tenantId);

    private EncryptedMediaStore Store => new(Blobs, Keys);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(MediaCipher.SegmentSize - 1)]
    [InlineData(MediaCipher.SegmentSize)]
    [InlineData(MediaCipher.SegmentSize + 1)]
    [InlineData((3 * MediaCipher.SegmentSize) + 17)]
    [InlineData(Large)]
    public async Task Round_trip_is_byte_identical(int size)
    {
        var tenant = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(size);

        var stored = await Store.PutAsync(tenant, new MemoryStream(bytes), new MediaExpectation(Limit, size, Hex(bytes)), default);

        Assert.Equal(size, stored.Size);
        Assert.Equal(Hex(bytes), stored.Sha256);
        Assert.Matches("^[0-9a-f]{32}/[0-9a-f]{32}$", stored.Key);
        Assert.StartsWith(tenant.ToString("N"), stored.Key, StringComparison.Ordinal);
        Assert.Equal(bytes, await ReadAllAsync(tenant, stored.Key));
    }

    [Fact]
    public async Task Announced_sha256_may_be_uppercase_hex_or_base64()
    {
        var tenant = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(1000);

        var upper = await Store.PutAsync(tenant, new MemoryStream(bytes), new MediaExpectation(Limit, Sha256: Hex(bytes).ToUpperInvariant()), default);
        var base64 = await Store.PutAsync(tenant, new MemoryStream(bytes), new MediaExpectation(Limit, Sha256: Convert.ToBase64String(SHA256.HashData(bytes))), default);

        Assert.Equal(bytes, await ReadAllAsync(tenant, upper.Key));
        Assert.Equal(bytes, await ReadAllAsync(tenant, base64.Key));
    }

    public static TheoryData<int, string> Rejections => new()
    {
        { 1000, "too-large" }, { 1000, "size-short" }, { 1000, "size-long" }, { 1000, "sha-hex" }, { 1000, "sha-base64" },
        { Large, "too-large" }, { Large, "size-short" }, { Large, "size-long" }, { Large, "sha-hex" }, { Large, "sha-base64" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Bytes_that_break_the_expectation_leave_nothing_stored(int size, string broken)
    {
        var tenant = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(size);
        var other = SHA256.HashData([.. bytes, 0]);
        var (expectation, reason) = broken switch
        {
            "too-large" => (new MediaExpectation(size - 1), MediaRejection.TooLarge),
            "size-short" => (new MediaExpectation(Limit, size + 1), MediaRejection.SizeMismatch),
            "size-long" => (new MediaExpectation(Limit, size - 1), MediaRejection.SizeMismatch),
            "sha-hex" => (new MediaExpectation(Limit, Sha256: Convert.ToHexString(other)), MediaRejection.Sha256Mismatch),
            _ => (new MediaExpectation(Limit, Sha256: Convert.ToBase64String(other)), MediaRejection.Sha256Mismatch),
        };

        var rejected = await Assert.ThrowsAsync<MediaRejectedException>(() => Store.PutAsync(tenant, new MemoryStream(bytes), expectation, default));

        Assert.Equal(reason, rejected.Reason);
        Assert.Equal(0, await StoredCountAsync(tenant));
    }

    [Fact]
    public async Task An_endless_stream_is_refused_once_it_passes_the_limit()
    {
        var tenant = Guid.NewGuid();
        var endless = new SeededStream(long.MaxValue, 7);

        var rejected = await Assert.ThrowsAsync<MediaRejectedException>(() => Store.PutAsync(tenant, endless, new MediaExpectation(1_000_000), default));

        Assert.Equal(MediaRejection.TooLarge, rejected.Reason);
        Assert.InRange(endless.BytesRead, 1_000_001, 1_000_000 + MediaCipher.SegmentSize + 1);
        Assert.Equal(0, await StoredCountAsync(tenant));
    }

    [Fact]
    public async Task Another_tenant_cannot_read_or_delete()
    {
        var owner = Guid.NewGuid();
        var other = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(5000);
        var stored = await Store.PutAsync(owner, new MemoryStream(bytes), new MediaExpectation(Limit), default);
        await Store.PutAsync(other, new MemoryStream(bytes), new MediaExpectation(Limit), default); // it has a key of its own

        await Assert.ThrowsAsync<MediaMissingException>(() => Store.OpenReadAsync(other, stored.Key, default));
        await Store.DeleteAsync(other, stored.Key, default);

        Assert.Equal(bytes, await ReadAllAsync(owner, stored.Key));
    }

    [Fact]
    public async Task Deleted_media_is_gone_and_deleting_again_is_no_error()
    {
        var tenant = Guid.NewGuid();
        var stored = await Store.PutAsync(tenant, new MemoryStream(RandomNumberGenerator.GetBytes(Large)), new MediaExpectation(Limit), default);

        await Store.DeleteAsync(tenant, stored.Key, default);
        await Store.DeleteAsync(tenant, stored.Key, default);

        await Assert.ThrowsAsync<MediaMissingException>(() => Store.OpenReadAsync(tenant, stored.Key, default));
        Assert.Equal(0, await StoredCountAsync(tenant));
    }

    [Fact]
    public async Task An_unknown_or_malformed_key_is_missing()
    {
        var tenant = Guid.NewGuid();

        await Assert.ThrowsAsync<MediaMissingException>(() => Store.OpenReadAsync(tenant, $"{tenant:N}/{Guid.NewGuid():N}", default));
        await Assert.ThrowsAsync<MediaMissingException>(() => Store.OpenReadAsync(tenant, $"{tenant:N}/../x", default));
    }

    public static TheoryData<string> Tamperings => ["flip", "cut-tail", "drop-last-segment", "append-segment", "swap-segments"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Altered_ciphertext_fails_the_read(string tampering)
    {
        var tenant = Guid.NewGuid();
        var stored = await Store.PutAsync(tenant, new MemoryStream(RandomNumberGenerator.GetBytes((2 * MediaCipher.SegmentSize) + 100)), new MediaExpectation(Limit), default);
        var raw = (await RawAsync(tenant, stored.Key))!;
        var first = MediaCipher.HeaderSize;
        var second = first + MediaCipher.SealedSegmentSize;
        var third = second + MediaCipher.SealedSegmentSize;
        byte[] altered = tampering switch
        {
            "flip" => Flip(raw, second + 1000),
            "cut-tail" => raw[..^10],
            "drop-last-segment" => raw[..third], // ends on a segment boundary: only the last-segment flag tells
            "append-segment" => [.. raw, .. raw[second..third]],
            _ => [.. raw[..first], .. raw[second..third], .. raw[first..second], .. raw[third..]],
        };
        await ReplaceRawAsync(tenant, stored.Key, altered);

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(tenant, stored.Key));
    }

    [Fact]
    public async Task A_read_stream_gives_its_pooled_buffers_back_once()
    {
        var tenant = Guid.NewGuid();
        var stored = await Store.PutAsync(tenant, new MemoryStream(RandomNumberGenerator.GetBytes(5000)), new MediaExpectation(Limit), default);

        await using (var read = await Store.OpenReadAsync(tenant, stored.Key, default))
        {
            await read.CopyToAsync(Stream.Null);
        }

        // A buffer returned twice would be handed to two streams at once: one tenant's bytes in another's read.
        var first = ArrayPool<byte>.Shared.Rent(PostgresMediaBlobStore.ChunkSize);
        var second = ArrayPool<byte>.Shared.Rent(PostgresMediaBlobStore.ChunkSize);
        Assert.NotSame(first, second);
        ArrayPool<byte>.Shared.Return(first);
        ArrayPool<byte>.Shared.Return(second);
    }

    [Fact]
    public async Task Destroying_the_tenant_key_makes_its_media_unreadable()
    {
        var tenant = Guid.NewGuid();
        var stored = await Store.PutAsync(tenant, new MemoryStream(RandomNumberGenerator.GetBytes(3000)), new MediaExpectation(Limit), default);
        Assert.Equal(3000, (await ReadAllAsync(tenant, stored.Key)).Length);

        await Keys.DestroyAsync(tenant, default);

        await Assert.ThrowsAsync<MediaMissingException>(() => Store.OpenReadAsync(tenant, stored.Key, default));
        var after = await Store.PutAsync(tenant, new MemoryStream([1, 2, 3]), new MediaExpectation(Limit), default); // a new key
        Assert.Equal([1, 2, 3], await ReadAllAsync(tenant, after.Key));
        await Assert.ThrowsAsync<MediaMissingException>(() => Store.OpenReadAsync(tenant, stored.Key, default));
    }

    [Fact]
    public async Task The_stored_bytes_do_not_contain_the_plaintext()
    {
        var tenant = Guid.NewGuid();
        var marker = Encoding.ASCII.GetBytes("TRANSFER RECEIPT 0812-5555-0100 ");
        var plaintext = Enumerable.Repeat(marker, 5000).SelectMany(b => b).ToArray();
        var stored = await Store.PutAsync(tenant, new MemoryStream(plaintext), new MediaExpectation(Limit), default);

        var raw = (await RawAsync(tenant, stored.Key))!;

        Assert.True(raw.Length > plaintext.Length);
        Assert.Equal(-1, raw.AsSpan().IndexOf(marker.AsSpan(0, 16)));
        Assert.Equal(plaintext, await ReadAllAsync(tenant, stored.Key));
    }

    [Fact]
    public async Task A_100_MB_file_streams_both_ways()
    {
        const long size = 100L * 1000 * 1000;
        var tenant = Guid.NewGuid();
        var expected = await SHA256.HashDataAsync(new SeededStream(size, 42));

        using var process = Process.GetCurrentProcess();
        var workingSetBefore = process.WorkingSet64;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var stored = await Store.PutAsync(tenant, new SeededStream(size, 42), new MediaExpectation(Limit * 2, size, Convert.ToBase64String(expected)), default);
        var written = clock.Elapsed;
        var afterWrite = GC.GetTotalAllocatedBytes(precise: true);
        clock.Restart();
        byte[] actual;
        await using (var read = await Store.OpenReadAsync(tenant, stored.Key, default))
        {
            actual = await SHA256.HashDataAsync(read);
        }

        var readTime = clock.Elapsed;
        var afterRead = GC.GetTotalAllocatedBytes(precise: true);
        process.Refresh();
        output.WriteLine(
            $"{GetType().Name}: 100 MB put {written.TotalSeconds:F1} s ({size / written.TotalSeconds / 1e6:F0} MB/s), managed allocations {(afterWrite - before) / 1e6:F1} MB; " +
            $"read {readTime.TotalSeconds:F1} s ({size / readTime.TotalSeconds / 1e6:F0} MB/s), managed allocations {(afterRead - afterWrite) / 1e6:F1} MB; " +
            $"process working set {workingSetBefore / 1e6:F0} MB before, {process.WorkingSet64 / 1e6:F0} MB after, peak {process.PeakWorkingSet64 / 1e6:F0} MB");

        Assert.Equal(expected, actual);
        Assert.Equal(Convert.ToHexStringLower(expected), stored.Sha256);

        // Streamed: what a round trip allocates is a small multiple of a segment, chunk and part, not the file.
        Assert.InRange(afterWrite - before, 0, 25_000_000);
        Assert.InRange(afterRead - afterWrite, 0, 25_000_000);
        await Store.DeleteAsync(tenant, stored.Key, default);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Flip(byte[] raw, int at)
    {
        var copy = raw.ToArray();
        copy[at] ^= 0x01;
        return copy;
    }

    private async Task<byte[]> ReadAllAsync(Guid tenantId, string key)
    {
        await using var stream = await Store.OpenReadAsync(tenantId, key, default);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
