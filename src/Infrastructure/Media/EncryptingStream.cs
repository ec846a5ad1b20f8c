using System.Buffers;
using System.Security.Cryptography;
using PesanAI.Application.Media;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Media;

/// <summary>
/// Reads plaintext from a source and yields the ciphertext of <see cref="MediaCipher"/>'s format, a segment at a time
/// (memory: two segments whatever the size), hashing and counting the plaintext on the way. The source is never read
/// far past <c>maxBytes</c> (or the announced size): a segment past it at most, then <see cref="MediaRejectedException"/>.
/// </summary>
public sealed class EncryptingStream : ReadOnlyStream
{
    private readonly Stream _source;
    private readonly long _maxBytes;
    private readonly long? _announcedSize;
    private readonly byte[] _header;
    private readonly AesGcm _aead;
    private readonly byte[] _noncePrefix;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    // One segment and one byte of look-ahead (a full segment is the last one only if nothing follows it).
    private readonly byte[] _plain = ArrayPool<byte>.Shared.Rent(MediaCipher.SegmentSize + 1);
    private readonly byte[] _sealed = ArrayPool<byte>.Shared.Rent(MediaCipher.SealedSegmentSize);
    private int _carried;
    private uint _segment;
    private bool _lastWritten;
    private ReadOnlyMemory<byte> _pending;
    private byte[]? _sha256Result;
    private bool _disposed;

    /// <summary>Rejects as soon as the plaintext is over <paramref name="maxBytes"/> or over <paramref name="announcedSize"/>.</summary>
    public EncryptingStream(Stream source, ReadOnlySpan<byte> tenantKey, Guid keyId, long maxBytes, long? announcedSize = null)
    {
        _source = source;
        _maxBytes = maxBytes;
        _announcedSize = announcedSize;
        _header = MediaCipher.NewHeader(keyId);
        (_aead, _noncePrefix) = MediaCipher.ForObject(tenantKey, _header);
        _pending = _header;
    }

    /// <summary>Plaintext bytes sealed so far.</summary>
    public long Size { get; private set; }

    /// <summary>Whether the source has been read to its end and the last segment sealed.</summary>
    public bool Completed => _lastWritten && _pending.IsEmpty;

    /// <summary>The plaintext's SHA-256, once <see cref="Completed"/>.</summary>
    public byte[] Sha256 => _sha256Result ?? throw new InvalidOperationException("The plaintext has not been read to its end.");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_pending.IsEmpty)
        {
            if (_lastWritten)
            {
                return 0;
            }

            await SealNextAsync(cancellationToken);
        }

        var take = Math.Min(buffer.Length, _pending.Length);
        _pending[..take].CopyTo(buffer);
        _pending = _pending[take..];
        return take;
    }

    private async Task SealNextAsync(CancellationToken cancellationToken)
    {
        var filled = _carried + await FillAsync(_source, _plain.AsMemory(_carried, MediaCipher.SegmentSize + 1 - _carried), cancellationToken);
        if (Size + filled > _maxBytes)
        {
            throw new MediaRejectedException(MediaRejection.TooLarge, $"The media is larger than the limit of {_maxBytes} bytes.");
        }

        if (Size + filled > _announcedSize)
        {
            throw new MediaRejectedException(MediaRejection.SizeMismatch, $"The media is larger than the announced {_announcedSize} bytes.");
        }

        var last = filled <= MediaCipher.SegmentSize;
        var length = last ? filled : MediaCipher.SegmentSize;
        Span<byte> nonce = stackalloc byte[12];
        MediaCipher.Nonce(nonce, _noncePrefix, _segment, last);
        _aead.Encrypt(nonce, _plain.AsSpan(0, length), _sealed.AsSpan(0, length), _sealed.AsSpan(length, MediaCipher.TagSize), _header);
        _sha256.AppendData(_plain, 0, length);
        Size += length;
        _segment = checked(_segment + 1);
        _pending = _sealed.AsMemory(0, length + MediaCipher.TagSize);
        if (last)
        {
            _lastWritten = true;
            _carried = 0;
            _sha256Result = _sha256.GetHashAndReset();
        }
        else
        {
            _plain[0] = _plain[MediaCipher.SegmentSize];
            _carried = 1;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true; // the buffers go back to the pool once
            _aead.Dispose();
            _sha256.Dispose();
            CryptographicOperations.ZeroMemory(_plain.AsSpan(0, MediaCipher.SegmentSize + 1));
            ArrayPool<byte>.Shared.Return(_plain);
            ArrayPool<byte>.Shared.Return(_sealed);
        }

        base.Dispose(disposing);
    }
}
